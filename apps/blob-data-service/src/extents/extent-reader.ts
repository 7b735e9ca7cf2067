import { DecryptionFailed } from '@atrest/crypto';
import type { DataKeys } from '../keys/data-keys';
import type { RegionStore } from '../region-stores/region-store';
import { extentRowExists, readInlineBytes } from './extent.repository';
import type { ExtentFile } from './extent-files';
import { ExtentIntegrityError } from './extent-integrity.error';
import { openPackage, PACKAGE_BYTES, packageCount, packageSpan, storedSize, type ExtentBinding, type ExtentKind } from './package-format';
import type { ContentSlice } from './stored-extent';

/** Packages fetched per query: 1 MiB, so a read holds about twice that (one fetch ahead) whatever the blob size. */
const PACKAGES_PER_FETCH = 16;
/** Unwritten pages are yielded from this (never written to: consumers copy or send it). */
const ZEROS = Buffer.alloc(PACKAGE_BYTES);

export interface ExtentSource {
  readonly store: RegionStore;
  readonly keys: DataKeys;
  readonly account: string;
  readonly container: string;
  readonly blob: string;
  readonly kind: ExtentKind;
  readonly requestId?: string;
}

/**
 * The plaintext of extent slices, in order, package by package: only the
 * packages a slice overlaps are fetched (16 per positioned read of the
 * extent's file, or per query of an inline one unless its bytes came with
 * its row; one fetch ahead) and
 * authenticated (AES-GCM with the package's binding) before a byte of them
 * is yielded. Anything that does not authenticate, a missing file, or an
 * extent of the wrong stored length throws ExtentIntegrityError. Zero slices
 * yield zeros, 64 KiB at a time.
 */
export async function* readSlices(source: ExtentSource, slices: AsyncIterable<ContentSlice> | Iterable<ContentSlice>): AsyncGenerator<Buffer> {
  for await (const slice of slices) {
    if ('zeros' in slice) {
      for (let left = slice.zeros; left > 0; left -= ZEROS.length) yield ZEROS.subarray(0, Math.min(left, ZEROS.length));
      continue;
    }
    const { extent, from, to } = slice;
    if (to <= from) continue;
    const binding: ExtentBinding = { account: source.account, container: source.container, blob: source.blob, extentId: extent.extentId, kind: source.kind };
    const key = extent.dataKey ? await source.keys.forReading(source.account, extent.dataKey, source.requestId) : undefined;
    if (extent.encrypted && !key) throw new ExtentIntegrityError(binding, 'encrypted extent without a data key');
    const count = packageCount(extent.size);
    const last = Math.floor((to - 1) / PACKAGE_BYTES);
    const windows: Array<{ first: number; upTo: number; start: number; length: number }> = [];
    for (let first = Math.floor(from / PACKAGE_BYTES); first <= last; first += PACKAGES_PER_FETCH) {
      const upTo = Math.min(last, first + PACKAGES_PER_FETCH - 1);
      const start = packageSpan(extent.size, extent.encrypted, first).offset;
      const end = packageSpan(extent.size, extent.encrypted, upTo);
      windows.push({ first, upTo, start, length: end.offset + end.length - start });
    }
    const expectedLength = storedSize(extent.size, extent.encrypted);
    const file = extent.inFile ? await source.store.files.open(extent.extentId) : undefined;
    if (extent.inFile && !file) throw new ExtentIntegrityError(binding, await whyMissing(source.store, extent.extentId, 'its file'));
    try {
      if (file && file.size !== expectedLength) throw new ExtentIntegrityError(binding, `extent file of ${file.size} bytes, expected ${expectedLength}`);
      // One fetch ahead: the next window is read from the store while this one goes to the client.
      const fetch = (w: number) => {
        const { start, length } = windows[w];
        const pending = file
          ? readFileWindow(file, start, length)
          : extent.stored
            ? Promise.resolve(storedWindow(extent.stored, start, length))
            : readInlineBytes(source.store, extent.extentId, start, length);
        pending.catch(() => undefined); // awaited below, unless the reader stops early
        return pending;
      };
      let next = fetch(0);
      for (let w = 0; w < windows.length; w++) {
        const fetched = await next;
        if (w + 1 < windows.length) next = fetch(w + 1);
        if (!fetched) throw new ExtentIntegrityError(binding, await whyMissing(source.store, extent.extentId, 'its stored bytes'));
        if (fetched.storedLength !== expectedLength) throw new ExtentIntegrityError(binding, `stored length ${fetched.storedLength}, expected ${expectedLength}`);
        const { first, upTo, start, length } = windows[w];
        if (fetched.bytes.length !== length) throw new ExtentIntegrityError(binding, `read ${fetched.bytes.length} of ${length} bytes at ${start}`);
        for (let index = first; index <= upTo; index++) {
          const span = packageSpan(extent.size, extent.encrypted, index);
          const stored = fetched.bytes.subarray(span.offset - start, span.offset - start + span.length);
          const plain = key ? openOrFail(key, stored, binding, index, index === count - 1) : stored;
          const base = index * PACKAGE_BYTES;
          yield plain.subarray(Math.max(0, from - base), Math.min(plain.length, to - base));
        }
      }
    } finally {
      await file?.close();
    }
  }
}

/**
 * Why a read found no stored bytes for an extent its layout named: its row
 * gone means a change retired it and the reclaim sweep removed it while the
 * read went on (a read that outlasted RETIRED_EXTENT_GRACE_SECONDS), not
 * tampering; a row without its file or bytes is an integrity failure.
 */
const whyMissing = async (store: RegionStore, extentId: string, what: string): Promise<string> =>
  (await extentRowExists(store, extentId))
    ? `${what} missing in region store ${store.region}`
    : `extent reclaimed while the read went on: the blob changed more than RETIRED_EXTENT_GRACE_SECONDS before the read reached it (region store ${store.region})`;

const storedWindow = (stored: Buffer, start: number, length: number) => ({ bytes: stored.subarray(start, start + length), storedLength: stored.length });

const readFileWindow = async (file: ExtentFile, start: number, length: number) => ({ bytes: await file.read(start, length), storedLength: file.size });

const openOrFail = (key: Buffer, stored: Buffer, binding: ExtentBinding, index: number, final: boolean): Buffer => {
  try {
    return openPackage(key, stored, binding, index, final);
  } catch (error) {
    if (error instanceof DecryptionFailed) throw new ExtentIntegrityError(binding, `package ${index} does not authenticate`);
    throw error;
  }
};

/** The plaintext of a few slices as one buffer (a blob's metadata, a range of at most 4 MiB): Buffer.concat copies each part once. */
export const readWhole = async (source: ExtentSource, slices: AsyncIterable<ContentSlice> | Iterable<ContentSlice>): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const part of readSlices(source, slices)) parts.push(part);
  return Buffer.concat(parts);
};
