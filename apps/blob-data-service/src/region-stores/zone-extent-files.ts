import type { ExtentFile, ExtentFiles, NewExtentFile } from '../extents/extent-files';

/**
 * The extent files of a region's three zone copies as one (docs/adr/0007,
 * "ZRS"): each zone keeps its own directory; a write lands in all three
 * (durable when all three are), a read opens the first zone holding the
 * file, a removal removes it everywhere.
 */
export class ZoneExtentFiles implements ExtentFiles {
  constructor(private readonly zones: readonly ExtentFiles[]) {}

  async create(id: string): Promise<NewExtentFile> {
    const created = await Promise.allSettled(this.zones.map((zone) => zone.create(id)));
    const files = created.flatMap((c) => (c.status === 'fulfilled' ? [c.value] : []));
    const abort = async () => void (await Promise.allSettled(files.map((file) => file.abort())));
    const failed = created.find((c) => c.status === 'rejected');
    if (failed) {
      await abort();
      throw failed.reason;
    }
    return {
      append: async (parts) => void (await Promise.all(files.map((file) => file.append(parts)))),
      complete: () => {
        const durable = Promise.all(files.map((file) => file.complete().durable)).then(() => undefined);
        durable.catch(() => undefined);
        return { durable };
      },
      abort,
    };
  }

  async open(id: string): Promise<ExtentFile | undefined> {
    let lastError: unknown;
    for (const zone of this.zones) {
      try {
        const file = await zone.open(id);
        if (file) return file;
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError) throw lastError;
    return undefined;
  }

  async remove(ids: readonly string[]): Promise<void> {
    await Promise.all(this.zones.map((zone) => zone.remove(ids)));
  }
}
