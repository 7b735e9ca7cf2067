import type { ExtentFile, ExtentFiles } from '../extents/extent-files';

/**
 * The extent files of a region's three zone copies as one (docs/adr/0007,
 * "ZRS"): each zone keeps its own directory; a write lands in all three
 * (durable when all three are), a read opens the first zone holding the
 * file, a removal removes it everywhere.
 */
export class ZoneExtentFiles implements ExtentFiles {
  constructor(private readonly zones: readonly ExtentFiles[]) {}

  async write(id: string, bytes: Buffer): Promise<{ durable: Promise<void> }> {
    const written = await Promise.allSettled(this.zones.map((zone) => zone.write(id, bytes)));
    const failed = written.find((w) => w.status === 'rejected');
    if (failed) {
      // The zones that did write are let finish (their rename would otherwise outlive the removal).
      await Promise.allSettled(written.flatMap((w) => (w.status === 'fulfilled' ? [w.value.durable] : [])));
      await this.remove([id]);
      throw failed.reason;
    }
    const durable = Promise.all(written.map((w) => (w as PromiseFulfilledResult<{ durable: Promise<void> }>).value.durable)).then(() => undefined);
    durable.catch(() => undefined);
    return { durable };
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
