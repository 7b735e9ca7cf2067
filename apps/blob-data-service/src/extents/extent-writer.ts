import { createHash, randomUUID } from 'node:crypto';
import type { ExtentRef } from '@atrest/contracts';
import type { DataKeys } from '../keys/data-keys';
import type { WriteKey } from '../keys/write-key';
import type { RegionStore } from '../region-stores/region-store';
import type { NewExtentFile } from './extent-files';
import type { NewExtent } from './extent.repository';
import { PACKAGE_BYTES, PACKAGES_PER_EXTENT, sealPackage, type ExtentBinding, type ExtentKind } from './package-format';

/**
 * Extents of at most this much data (one package) stay inline in their
 * row, inserted by the commit: a small write then costs no file, no fsync
 * of its own and no directory entry (docs/adr/0006, "Extent files", measured there).
 */
export const INLINE_MAX_BYTES = PACKAGE_BYTES;

/**
 * Packages appended to their file together (1 MiB): one write, one trip to
 * libuv's thread pool, instead of one per 64 KiB package, which a large
 * upload otherwise waited on package by package.
 */
const PACKAGES_PER_APPEND = 16;

/** Where a write's extents go and how: `encrypt` is the account's SSE state read when the request arrived. */
export interface ExtentTarget {
  readonly store: RegionStore;
  readonly keys: DataKeys;
  readonly account: string;
  readonly container: string;
  readonly blob: string;
  readonly kind: ExtentKind;
  readonly encrypt: boolean;
  readonly requestId?: string;
}

export interface WrittenData {
  readonly extents: readonly ExtentRef[];
  /** Their rows, for the commit that makes them reachable (files, if any, already durable). */
  readonly rows: readonly NewExtent[];
  readonly size: number;
  /** MD5 of the plaintext, for Content-MD5. */
  readonly md5: Buffer;
}

interface OpenExtent {
  readonly binding: ExtentBinding;
  readonly key?: WriteKey;
  /** Its file, created by its first append (a one-package extent stays inline). */
  file?: NewExtentFile;
  size: number;
  packages: number;
}

/**
 * Turns a write's bytes into extents as they arrive: 64 KiB packages,
 * sealed one by one when encrypting (a package is sealed once it is known
 * whether it is its extent's last) and appended to the extent's file 16 at
 * a time; a full 4 MiB extent's fsync overlaps the next one's packages (all
 * are awaited before `finish` returns). A one-package extent stays inline.
 * Rows are not inserted here: the caller's commit inserts `rows`. Holds at
 * most 1 MiB of packages, whatever the size of the write: no extent-sized
 * buffer, whose churn kept the process's resident memory high (docs/adr/0006,
 * "Extent files"). With `encrypt` on,
 * a key is obtained before the first package is sealed, so plaintext is
 * never stored for an encrypted account (a key-service failure fails the write).
 */
export class ExtentWriter {
  private readonly rows: NewExtent[] = [];
  /** Files written, and their fsyncs under way. */
  private readonly files: string[] = [];
  private readonly durable: Promise<void>[] = [];
  private readonly md5 = createHash('md5');
  private pending = Buffer.allocUnsafe(PACKAGE_BYTES);
  private pendingFill = 0;
  /** Stored parts of the current extent's packages not appended to its file yet (PACKAGES_PER_APPEND at most). */
  private queued: Buffer[] = [];
  private queuedPackages = 0;
  private current?: OpenExtent;
  private total = 0;

  constructor(private readonly target: ExtentTarget) {}

  /** Writes a whole source (e.g. the request stream); on any failure, the files written so far are removed. */
  async writeAll(source: AsyncIterable<Buffer | string> | Iterable<Buffer>): Promise<WrittenData> {
    try {
      for await (const chunk of source) await this.append(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      return await this.finish();
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  async append(chunk: Buffer): Promise<void> {
    this.md5.update(chunk);
    this.total += chunk.length;
    for (let at = 0; at < chunk.length; ) {
      if (this.pendingFill === PACKAGE_BYTES) await this.sealPending(false);
      const n = Math.min(PACKAGE_BYTES - this.pendingFill, chunk.length - at);
      chunk.copy(this.pending, this.pendingFill, at, at + n);
      this.pendingFill += n;
      at += n;
    }
  }

  async finish(): Promise<WrittenData> {
    if (this.pendingFill > 0) await this.sealPending(true);
    await Promise.all(this.durable);
    return { extents: this.rows.map(extentRefOfNew), rows: [...this.rows], size: this.total, md5: this.md5.digest() };
  }

  /** Removes the files written (no row references them yet: a failed write leaves nothing behind). */
  async discard(): Promise<void> {
    await this.current?.file?.abort();
    this.current = undefined;
    this.queued = [];
    this.queuedPackages = 0;
    await Promise.allSettled(this.durable); // a file still being renamed into place would escape the removal
    await this.target.store.files.remove(this.files);
    this.rows.length = 0;
    this.files.length = 0;
  }

  private async sealPending(streamEnded: boolean): Promise<void> {
    const extent = this.current ?? (this.current = await this.openExtent());
    const index = extent.packages;
    const final = streamEnded || index === PACKAGES_PER_EXTENT - 1;
    const plain = this.pending.subarray(0, this.pendingFill);
    const stored = extent.key ? sealPackage(extent.key.key, plain, extent.binding, index, final) : [plain];
    extent.size += plain.length;
    extent.packages++;
    this.pendingFill = 0;
    // A one-package extent is its package, inline (copied: `pending` is reused).
    if (final && index === 0) return this.flush(extent, Buffer.concat(stored));
    // A plain package is `pending` itself, queued as it is: the next one fills a fresh buffer.
    if (!extent.key) this.pending = Buffer.allocUnsafe(PACKAGE_BYTES);
    this.queued.push(...stored);
    this.queuedPackages++;
    if (final || this.queuedPackages === PACKAGES_PER_APPEND) await this.appendQueued(extent);
    if (final) this.flush(extent);
  }

  private async appendQueued(extent: OpenExtent): Promise<void> {
    if (!extent.file) {
      extent.file = await this.target.store.files.create(extent.binding.extentId);
      this.files.push(extent.binding.extentId);
    }
    const parts = this.queued;
    this.queued = [];
    this.queuedPackages = 0;
    await extent.file.append(parts);
  }

  private async openExtent(): Promise<OpenExtent> {
    const { keys, account, container, blob, kind, encrypt, requestId } = this.target;
    const key = encrypt ? await keys.forWriting(account, PACKAGES_PER_EXTENT, requestId) : undefined;
    return { binding: { account, container, blob, extentId: randomUUID(), kind }, key, size: 0, packages: 0 };
  }

  /** Ends the extent: its file completes (its fsync is awaited by `finish`), or its `inline` bytes go into its row. */
  private flush(extent: OpenExtent, inline?: Buffer): void {
    const { account, kind } = this.target;
    const { key } = extent;
    const id = extent.binding.extentId;
    if (extent.file) this.durable.push(extent.file.complete().durable);
    const dataKey = key && { keyId: key.keyId, wrappedKey: key.wrappedKey, kekVersion: key.kekVersion };
    this.rows.push({ id, account, kind, size: extent.size, inline, key: dataKey });
    this.current = undefined;
  }
}

/** The reference change events carry of an extent about to be stored. */
const extentRefOfNew = ({ id, size, key }: NewExtent): ExtentRef => ({
  extentId: id,
  size,
  encrypted: key !== undefined,
  keyId: key?.keyId ?? null,
  kekVersion: key?.kekVersion ?? null,
});
