import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExtentFile, ExtentFiles, NewExtentFile } from './extent-files';

/** Shards by the first two hex digits of the id: 256 directories, so none grows past a few thousand entries per million extents. */
const SHARDS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** An extent file, or one being written (`<id>.<random>.part`, renamed to `<id>` once on disk). */
const EXTENT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.[0-9a-f]+\.part)?$/;

/** fsync of a directory, so an entry created or removed in it survives a crash. */
const syncDirectory = async (path: string): Promise<void> => {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** Writes `parts` at `position` in one call when the kernel takes them all (it does for regular files); the position after them. */
const writeAt = async (handle: FileHandle, parts: readonly Buffer[], position: number): Promise<number> => {
  const rest = parts.filter((part) => part.length > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest, position);
    position += bytesWritten;
    while (rest.length > 0 && bytesWritten >= rest[0].length) bytesWritten -= rest.shift()!.length;
    if (rest.length > 0) rest[0] = rest[0].subarray(bytesWritten);
  }
  return position;
};

/**
 * One store's extent files: `<root>/<first two hex digits of the id>/<id>`,
 * where root is `<EXTENT_DATA_DIR>/<the store's database name>` (so stores,
 * and the regions they belong to, stay physically apart).
 */
export class ExtentDirectory implements ExtentFiles {
  constructor(readonly root: string) {}

  /** Creates the root and its shard directories (idempotent), durably. */
  async prepare(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await Promise.all(SHARDS.map((shard) => mkdir(join(this.root, shard), { recursive: true })));
    await Promise.all([syncDirectory(this.root), syncDirectory(dirname(this.root))]);
  }

  pathOf(id: string): string {
    return join(this.root, id.slice(0, 2), id);
  }

  async create(id: string): Promise<NewExtentFile> {
    // Written under a temporary name and renamed once on disk: a file named by an id is always complete,
    // even when two copies of one extent race (a replicator retry), since an id's bytes never change.
    const part = `${this.pathOf(id)}.${randomBytes(6).toString('hex')}.part`;
    const handle = await open(part, 'wx');
    let position = 0;
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    };
    return {
      append: async (parts) => {
        position = await writeAt(handle, parts, position);
      },
      complete: () => {
        const durable = (async () => {
          try {
            await handle.datasync();
          } finally {
            await close();
          }
          await rename(part, this.pathOf(id));
          await syncDirectory(join(this.root, id.slice(0, 2)));
        })();
        durable.catch(() => unlink(part).catch(() => undefined)); // awaited by the writer before its commit
        return { durable };
      },
      abort: async () => {
        await close().catch(() => undefined);
        await unlink(part).catch(() => undefined);
      },
    };
  }

  async open(id: string): Promise<ExtentFile | undefined> {
    let handle;
    try {
      handle = await open(this.pathOf(id), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const file = handle;
    const { size } = await file.stat().catch(async (error: unknown) => {
      await file.close();
      throw error;
    });
    return {
      size,
      async read(position, length) {
        const bytes = Buffer.allocUnsafe(length);
        let filled = 0;
        while (filled < length) {
          const { bytesRead } = await file.read(bytes, filled, length - filled, position + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return bytes.subarray(0, filled);
      },
      close: () => file.close(),
    };
  }

  async remove(ids: readonly string[]): Promise<void> {
    await Promise.all(
      ids.map((id) =>
        unlink(this.pathOf(id)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        }),
      ),
    );
  }

  /**
   * The extent files (and leftovers of interrupted writes) last written
   * before `cutoff` (ms since the epoch), a shard at a time: file names
   * with the extent id each belongs to.
   */
  async *filesOlderThan(cutoff: number): AsyncGenerator<Array<{ name: string; id: string }>> {
    for (const shard of SHARDS) {
      const names = await readdir(join(this.root, shard)).catch(() => [] as string[]);
      const old: Array<{ name: string; id: string }> = [];
      for (const name of names) {
        const match = EXTENT_FILE.exec(name);
        const info = match && (await stat(join(this.root, shard, name)).catch(() => undefined));
        if (match && info && info.mtimeMs < cutoff) old.push({ name: join(shard, name), id: match[1] });
      }
      if (old.length > 0) yield old;
    }
  }

  /** Removes files by their names under the root (what filesOlderThan lists). */
  async removeNamed(names: readonly string[]): Promise<void> {
    await Promise.all(names.map((name) => unlink(join(this.root, name)).catch(() => undefined)));
  }
}
