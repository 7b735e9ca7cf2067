import { DomainError } from '@atrest/contracts';
import { errorCodeOf } from '@atrest/testing';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { checkAccountAccess, checkBlobTypeAllowed } from './account-access';
import { checkAppend, parseAppendConditions } from './append';
import { checkBlockId, checkBlockIdLength, resolveBlockList, type StoredBlock } from './block-list';
import { resolveByteRange } from './byte-range';
import { checkBlobAccess } from './blob-access';
import { checkSourceConditions, evaluateConditions, parseConditions, parseSourceConditions } from './conditions';
import { parseMetadata } from './metadata';
import { afterPrefix } from './name-order';
import { checkCopySourceAccess, parseCopySource } from './copy-source';
import { checkBlobName, checkContainerName } from './names';
import { parsePageWriteConditions } from './sequence-number-conditions';
import { isServerEncrypted, isServerEncryptedAfterAppend } from './server-encrypted';


const id = (n: number) => Buffer.from(`block-${n}`).toString('base64');
const block = (n: number, size = 10): StoredBlock => ({ id: id(n), size, extentIds: [`extent-${n}`] });

describe('resolveBlockList', () => {
  const committed = new Map([[id(1), block(1)], [id(2), block(2)]]);
  const staged = new Map([[id(2), block(2, 99)], [id(3), block(3)]]);

  it('takes Committed from the committed blocks, Uncommitted from the staged ones, Latest from staged first', () => {
    const resolved = resolveBlockList(
      [
        { kind: 'Latest', id: id(2) },
        { kind: 'Committed', id: id(2) },
        { kind: 'Uncommitted', id: id(3) },
        { kind: 'Latest', id: id(1) },
      ],
      committed,
      staged,
    );
    expect(resolved.map((b) => [b.id, b.size])).toEqual([[id(2), 99], [id(2), 10], [id(3), 10], [id(1), 10]]);
  });

  it('refuses a name that is not where the list says (InvalidBlockList), and more than 50,000 entries (BlockListTooLong)', () => {
    expect(errorCodeOf(() => resolveBlockList([{ kind: 'Committed', id: id(3) }], committed, staged))).toBe('InvalidBlockList');
    expect(errorCodeOf(() => resolveBlockList([{ kind: 'Uncommitted', id: id(1) }], committed, staged))).toBe('InvalidBlockList');
    expect(errorCodeOf(() => resolveBlockList(Array.from({ length: 50_001 }, () => ({ kind: 'Latest' as const, id: id(1) })), committed, staged))).toBe('BlockListTooLong');
  });

  it('accepts base64 block ids of 1 to 64 bytes of one length per blob', () => {
    expect(checkBlockId(id(1))).toBe(id(1));
    for (const bad of [undefined, '', 'not base64!', 'YQ', Buffer.alloc(65).toString('base64')]) expect(errorCodeOf(() => checkBlockId(bad))).toBe('InvalidBlockId');
    expect(() => checkBlockIdLength(id(1), [id(2)])).not.toThrow();
    expect(errorCodeOf(() => checkBlockIdLength(id(1), [Buffer.from('x').toString('base64')]))).toBe('InvalidBlockId');
  });
});

describe('conditional headers', () => {
  const target = { etag: '"0xAB"', lastModified: new Date('2026-12-01T10:00:00.500Z') };
  const headers = (h: Record<string, string>) => parseConditions((name) => h[name]);

  it.each<[string, Record<string, string>, 'read' | 'write', string]>([
    ['If-Match naming the ETag', { 'if-match': '"0xAB"' }, 'write', 'proceed'],
    ['If-Match *', { 'if-match': '*' }, 'write', 'proceed'],
    ['If-Match another ETag', { 'if-match': '"0xCD", "0xEF"' }, 'read', 'ConditionNotMet'],
    ['If-None-Match the ETag on a read', { 'if-none-match': '0xAB' }, 'read', 'not-modified'],
    ['If-None-Match the ETag on a write', { 'if-none-match': '"0xAB"' }, 'write', 'ConditionNotMet'],
    ['If-None-Match * on a write', { 'if-none-match': '*' }, 'write', 'BlobAlreadyExists'],
    ['If-Modified-Since the same second', { 'if-modified-since': 'Tue, 01 Dec 2026 10:00:00 GMT' }, 'read', 'not-modified'],
    ['If-Modified-Since earlier', { 'if-modified-since': 'Tue, 01 Dec 2026 09:59:59 GMT' }, 'read', 'proceed'],
    ['If-Unmodified-Since earlier', { 'if-unmodified-since': 'Tue, 01 Dec 2026 09:59:59 GMT' }, 'write', 'ConditionNotMet'],
    ['If-Unmodified-Since the same second', { 'if-unmodified-since': 'Tue, 01 Dec 2026 10:00:00 GMT' }, 'write', 'proceed'],
  ])('%s', (_, h, kind, expected) => {
    let outcome: string;
    try {
      outcome = evaluateConditions(headers(h), target, kind);
    } catch (error) {
      outcome = (error as DomainError).code;
    }
    expect(outcome).toBe(expected);
  });

  it('on a missing blob: If-Match fails, If-None-Match * and the dates do not stop a write', () => {
    expect(errorCodeOf(() => evaluateConditions(headers({ 'if-match': '*' }), undefined, 'write'))).toBe('ConditionNotMet');
    expect(evaluateConditions(headers({ 'if-none-match': '*', 'if-unmodified-since': 'Tue, 01 Dec 2026 09:00:00 GMT' }), undefined, 'write')).toBe('proceed');
  });

  it('refuses a date that does not parse', () => {
    expect(errorCodeOf(() => headers({ 'if-modified-since': 'yesterday-ish' }))).toBe('InvalidHeaderValue');
  });

  it('checks a copy’s source conditions (x-ms-source-if-*): any that fails is SourceConditionNotMet, never a 304', () => {
    const source = (h: Record<string, string>) => parseSourceConditions((name) => h[name]);
    expect(checkSourceConditions(source({ 'x-ms-source-if-match': '"0xAB"', 'x-ms-source-if-modified-since': 'Tue, 01 Dec 2026 09:59:59 GMT' }), target)).toBeUndefined();
    for (const failing of [
      { 'x-ms-source-if-match': '"0xCD"' },
      { 'x-ms-source-if-none-match': '"0xAB"' },
      { 'x-ms-source-if-modified-since': 'Tue, 01 Dec 2026 10:00:00 GMT' },
      { 'x-ms-source-if-unmodified-since': 'Tue, 01 Dec 2026 09:59:59 GMT' },
    ] as Array<Record<string, string>>)
      expect(errorCodeOf(() => checkSourceConditions(source(failing), target))).toBe('SourceConditionNotMet');
    expect(errorCodeOf(() => source({ 'x-ms-source-if-unmodified-since': 'soon' }))).toBe('InvalidHeaderValue');
  });
});

describe('sequence-number conditions (Put Page)', () => {
  const page = { etag: '"0xAB"', lastModified: new Date('2026-12-01T10:00:00Z'), lease: null, sequenceNumber: 7 };
  const conditions = (h: Record<string, string>) => parsePageWriteConditions((name) => h[name]);

  it('lets the write proceed only when the blob’s number meets every bound given', () => {
    expect(conditions({}).sequenceNumber).toBeUndefined();
    expect(checkBlobAccess(conditions({ 'x-ms-if-sequence-number-le': '7', 'x-ms-if-sequence-number-lt': '8', 'x-ms-if-sequence-number-eq': '7' }), page, 'write')).toBe('proceed');
    for (const failing of [
      { 'x-ms-if-sequence-number-le': '6' }, { 'x-ms-if-sequence-number-lt': '7' }, { 'x-ms-if-sequence-number-eq': '8' }, { 'x-ms-if-sequence-number-le': '9', 'x-ms-if-sequence-number-eq': '0' },
    ] as Array<Record<string, string>>)
      expect(errorCodeOf(() => checkBlobAccess(conditions(failing), page, 'write'))).toBe('SequenceNumberConditionNotMet');
    expect(errorCodeOf(() => checkBlobAccess(conditions({ 'if-match': '"0xCD"', 'x-ms-if-sequence-number-eq': '7' }), page, 'write'))).toBe('ConditionNotMet');
  });

  it('refuses a bound that is not a non-negative integer, naming its header', () => {
    expect(() => conditions({ 'x-ms-if-sequence-number-lt': '-1' })).toThrow(expect.objectContaining({ code: 'InvalidHeaderValue', message: 'x-ms-if-sequence-number-lt must be a non-negative integer.' }));
  });
});

describe('byte ranges', () => {
  it('resolves start-end and start- against the size, x-ms-range first, the end cut to the blob', () => {
    expect(resolveByteRange(undefined, undefined, 10)).toBeUndefined();
    expect(resolveByteRange('bytes=2-4', 'bytes=0-0', 10)).toEqual({ start: 2, end: 4 });
    expect(resolveByteRange(undefined, 'bytes=7-', 10)).toEqual({ start: 7, end: 9 });
    expect(resolveByteRange(undefined, 'bytes=7-100', 10)).toEqual({ start: 7, end: 9 });
  });

  it('refuses ranges past the end or backwards, and a malformed x-ms-range; ignores a malformed Range', () => {
    expect(errorCodeOf(() => resolveByteRange(undefined, 'bytes=10-', 10))).toBe('InvalidRange');
    expect(errorCodeOf(() => resolveByteRange(undefined, 'bytes=0-0', 0))).toBe('InvalidRange');
    expect(errorCodeOf(() => resolveByteRange('bytes=5-4', undefined, 10))).toBe('InvalidRange');
    expect(errorCodeOf(() => resolveByteRange('bytes=-5', undefined, 10))).toBe('InvalidRange');
    expect(resolveByteRange(undefined, 'bytes=1-2,4-5', 10)).toBeUndefined();
  });
});

describe('names, metadata, accounts', () => {
  it('checks container names as Azure does', () => {
    for (const good of ['abc', 'a-b-c', '0box', 'x'.repeat(63)]) expect(checkContainerName(good)).toBe(good);
    for (const bad of ['ab', 'Abc', 'a--b', '-ab', 'ab-', 'a_b', 'x'.repeat(64)]) expect(errorCodeOf(() => checkContainerName(bad))).toBe('InvalidResourceName');
  });

  it('refuses blob names of no or more than 1024 characters, or with U+0000, and keeps every other character', () => {
    for (const good of ['a', 'dir/sub/file.txt', 'ünïcödé ✓', ' spaced ', 'tab\there', 'x'.repeat(1024)]) expect(checkBlobName(good)).toBe(good);
    for (const bad of ['', 'a\u0000b', 'x'.repeat(1025)]) expect(errorCodeOf(() => checkBlobName(bad))).toBe('InvalidResourceName');
  });

  it('reads x-ms-meta-* with the names as sent, and refuses bad names, empty names and more than 8 KiB', () => {
    expect(parseMetadata(['X-Ms-Meta-Color', 'blue', 'content-type', 'text/plain', 'x-ms-meta-_n2', ''])).toEqual({ Color: 'blue', _n2: '' });
    expect(errorCodeOf(() => parseMetadata(['x-ms-meta-2x', 'v']))).toBe('InvalidMetadata');
    expect(errorCodeOf(() => parseMetadata(['x-ms-meta-', 'v']))).toBe('EmptyMetadataKey');
    expect(errorCodeOf(() => parseMetadata(['x-ms-meta-big', 'v'.repeat(8 * 1024)]))).toBe('MetadataTooLarge');
  });

  it('lets an account be used only when it exists, its key is not revoked, and the location allows it', () => {
    const account: DataPlaneAccount = { name: 'a1', subscriptionId: 's', region: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2', encryptionEnabled: true, incarnation: 1, keyRevoked: false };
    expect(checkAccountAccess('a1', account, 'primary', true)).toBe(account);
    expect(errorCodeOf(() => checkAccountAccess('a1', undefined, 'primary', false))).toBe('AccountNotFound');
    expect(errorCodeOf(() => checkAccountAccess('a1', { ...account, keyRevoked: true }, 'primary', false))).toBe('KeyVaultEncryptionKeyNotFound');
    expect(errorCodeOf(() => checkAccountAccess('a1', account, 'secondary', true))).toBe('WriteOperationNotSupportedOnSecondary');
    expect(errorCodeOf(() => checkAccountAccess('a1', account, 'secondary', false))).toBe('ResourceNotFound');
    // Premium accounts hold page blobs only (Azure: 400 BlobTypeNotSupported).
    expect(errorCodeOf(() => checkBlobTypeAllowed({ ...account, sku: 'Premium_LRS' }, 'BlockBlob'))).toBe('BlobTypeNotSupported');
    expect(errorCodeOf(() => checkBlobTypeAllowed({ ...account, sku: 'Premium_LRS' }, 'AppendBlob'))).toBe('BlobTypeNotSupported');
    expect(() => checkBlobTypeAllowed({ ...account, sku: 'Premium_LRS' }, 'PageBlob')).not.toThrow();
    expect(() => checkBlobTypeAllowed(account, 'AppendBlob')).not.toThrow();
  });

  it('finds the first name after a prefix in code-point order', () => {
    expect(afterPrefix('dir/')).toBe('dir0');
    expect(afterPrefix('a\u{10FFFF}')).toBe('b');
  });
});

describe('x-ms-server-encrypted', () => {
  it('is true only when every data and metadata extent is encrypted; an empty blob follows its last content write', () => {
    expect(isServerEncrypted([true, true], false)).toBe(true);
    expect(isServerEncrypted([true, false, true], true)).toBe(false);
    expect(isServerEncrypted([], true)).toBe(true);
    expect(isServerEncrypted([], false)).toBe(false);
  });
});

describe('x-ms-server-encrypted after an append', () => {
  it('an empty blob without metadata takes the new block\'s state; otherwise it stays true only if it was and the block is encrypted', () => {
    const empty = { size: 0, metadataExtentId: null, serverEncrypted: false };
    expect(isServerEncryptedAfterAppend(empty, [true])).toBe(true);
    expect(isServerEncryptedAfterAppend({ ...empty, metadataExtentId: 'm' }, [true])).toBe(false);
    expect(isServerEncryptedAfterAppend({ ...empty, size: 10, serverEncrypted: true }, [true])).toBe(true);
    expect(isServerEncryptedAfterAppend({ ...empty, size: 10, serverEncrypted: true }, [false])).toBe(false);
  });
});

describe('Append Block conditions', () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name];

  it('reads x-ms-blob-condition-appendpos and -maxsize, refusing what is not a count', () => {
    expect(parseAppendConditions(headers({ 'x-ms-blob-condition-appendpos': '10', 'x-ms-blob-condition-maxsize': '20' }))).toEqual({ appendPosition: 10, maxSize: 20 });
    expect(errorCodeOf(() => parseAppendConditions(headers({ 'x-ms-blob-condition-appendpos': '-1' })))).toBe('InvalidHeaderValue');
  });

  it('refuses a block past maxsize, at the wrong position, or beyond 50,000 blocks', () => {
    const blob = { size: 100, blockCount: 3 };
    expect(() => checkAppend(blob, 50, { appendPosition: 100, maxSize: 150 })).not.toThrow();
    expect(errorCodeOf(() => checkAppend(blob, 51, { maxSize: 150 }))).toBe('MaxBlobSizeConditionNotMet');
    expect(errorCodeOf(() => checkAppend(blob, 1, { appendPosition: 99 }))).toBe('AppendPositionConditionNotMet');
    expect(errorCodeOf(() => checkAppend({ size: 100, blockCount: 50_000 }, 1, {}))).toBe('BlockCountExceedsLimit');
  });
});

describe('Copy Blob source', () => {
  const account: DataPlaneAccount = { name: 'dest', subscriptionId: 's', region: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2', encryptionEnabled: true, incarnation: 1, keyRevoked: false };

  it('parses a path-style blob URL, decoding each part once and dropping the query (a SAS is never kept)', () => {
    expect(parseCopySource('http://127.0.0.1:10000/SrcAcct/box/dir/a%20b.txt?sv=1&sig=secret')).toEqual({
      account: 'srcacct',
      container: 'box',
      blob: 'dir/a b.txt',
      url: 'http://127.0.0.1:10000/SrcAcct/box/dir/a%20b.txt',
    });
    for (const bad of ['not a url', 'ftp://h/a/c/b', 'http://h/acct/box', 'http://h/acct/box/%E0%A4%A'])
      expect([bad, errorCodeOf(() => parseCopySource(bad))]).toEqual([bad, 'InvalidHeaderValue']);
    expect(errorCodeOf(() => parseCopySource(undefined))).toBe('MissingRequiredHeader');
  });

  it('reads another account only in the same subscription, and only one that exists and is usable', () => {
    const other = { ...account, name: 'src' };
    expect(checkCopySourceAccess(account, 'src', other)).toBe(other);
    expect(errorCodeOf(() => checkCopySourceAccess(account, 'src', undefined))).toBe('CannotVerifyCopySource');
    expect(errorCodeOf(() => checkCopySourceAccess(account, 'src', { ...other, subscriptionId: 'x' }))).toBe('AuthorizationFailure');
    expect(errorCodeOf(() => checkCopySourceAccess(account, 'src', { ...other, keyRevoked: true }))).toBe('KeyVaultEncryptionKeyNotFound');
  });
});
