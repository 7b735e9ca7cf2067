import { randomBytes } from 'node:crypto';
import {
  AccountSASPermissions,
  AnonymousCredential,
  BlobSASPermissions,
  BlobServiceClient,
  ContainerClient,
  ContainerSASPermissions,
  BlockBlobClient,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import { refusal, startDataPlane, type DataPlane } from './blob-data-plane.fixture';

// Shared access signatures end to end: the real @azure/storage-blob client
// makes them with the account key (generateSasUrl, generateAccountSasUrl) and
// a client holding only the URL uses them through the gateway, which checks
// the signature, times and address; blob-data-service checks what each
// operation needs of the grant. Writes through a SAS are encrypted as any
// other when the account encrypts.

const OPTIONS: StoragePipelineOptions = { retryOptions: { maxTries: 1 } };
const inAnHour = () => new Date(Date.now() + 3_600_000);

let plane: DataPlane;

beforeAll(async () => {
  plane = await startDataPlane('shared-access-signatures');
}, 180_000);

afterAll(() => plane?.close());

describe('shared access signatures with the real Azure client', () => {
  it('a create-only SAS (c) uploads and copies new blobs but overwrites none (403 UnauthorizedBlobOverwrite), and stages no blocks', async () => {
    const owner = await plane.newAccount('sascreate', { encrypted: true });
    const drop = owner.getContainerClient('drop');
    await drop.create();
    const existing = drop.getBlockBlobClient('existing.txt');
    await existing.upload('kept', 4);
    const creator = new ContainerClient(await drop.generateSasUrl({ permissions: ContainerSASPermissions.parse('rc'), expiresOn: inAnHour() }), new AnonymousCredential(), OPTIONS);

    const report = randomBytes(3000);
    expect((await creator.getBlockBlobClient('report.bin').upload(report, report.length)).isServerEncrypted).toBe(true);
    expect(await drop.getBlobClient('report.bin').downloadToBuffer()).toEqual(report);
    const overwrite = { status: 403, code: 'UnauthorizedBlobOverwrite' };
    expect(await refusal(creator.getBlockBlobClient('report.bin').upload('other', 5))).toEqual(overwrite);
    expect(await refusal(creator.getBlockBlobClient('existing.txt').upload('other', 5))).toEqual(overwrite);
    expect(await refusal(creator.getBlobClient('existing.txt').syncCopyFromURL(drop.getBlobClient('report.bin').url))).toEqual(overwrite);
    expect((await creator.getBlobClient('copy.bin').syncCopyFromURL(drop.getBlobClient('report.bin').url)).copyStatus).toBe('success');
    expect(await creator.getAppendBlobClient('log.txt').create()).toMatchObject({ isServerEncrypted: true });
    // Staging blocks is a write, as Azure has it: a create-only link uploads in one Put Blob.
    expect(await refusal(creator.getBlockBlobClient('staged.bin').stageBlock(Buffer.from('b1').toString('base64'), Buffer.from('x'), 1))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    expect(await refusal(creator.getAppendBlobClient('log.txt').appendBlock('line', 4))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    expect([(await existing.downloadToBuffer()).toString(), await drop.getBlobClient('copy.bin').downloadToBuffer()]).toEqual(['kept', report]);
  });

  it('a container SAS reads and lists its container, writes only with w, and reaches nothing else', async () => {
    const owner = await plane.newAccount('sasreads', { encrypted: true });
    const photos = owner.getContainerClient('photos');
    await photos.create();
    const cat = randomBytes(3000);
    await photos.getBlockBlobClient('2026/cat picture.jpg').uploadData(cat);

    const reader = new ContainerClient(await photos.generateSasUrl({ permissions: ContainerSASPermissions.parse('rl'), expiresOn: inAnHour() }), new AnonymousCredential(), OPTIONS);
    expect(await reader.getBlobClient('2026/cat picture.jpg').downloadToBuffer()).toEqual(cat);
    expect((await reader.getBlobClient('2026/cat picture.jpg').getProperties()).isServerEncrypted).toBe(true);
    const names: string[] = [];
    for await (const blob of reader.listBlobsFlat()) names.push(blob.name);
    expect(names).toEqual(['2026/cat picture.jpg']);
    expect(await refusal(reader.getBlockBlobClient('new.txt').uploadData(Buffer.from('no')))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    expect(await refusal(reader.getBlobClient('2026/cat picture.jpg').delete())).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    // Container operations other than List Blobs need an account SAS or the key.
    expect(await refusal(reader.getProperties())).toEqual({ status: 403, code: 'AuthorizationResourceTypeMismatch' });
    // The signature names the container: the same token on another one is not valid.
    const elsewhere = new ContainerClient(reader.url.replace('/photos?', '/other?'), new AnonymousCredential(), OPTIONS);
    expect(await refusal(elsewhere.getBlobClient('x').downloadToBuffer())).toEqual({ status: 403, code: 'AuthenticationFailed' });

    const writer = new ContainerClient(await photos.generateSasUrl({ permissions: ContainerSASPermissions.parse('w'), expiresOn: inAnHour() }), new AnonymousCredential(), OPTIONS);
    const dog = randomBytes(5000);
    const uploaded = await writer.getBlockBlobClient('dog.jpg').uploadData(dog);
    expect(uploaded.isServerEncrypted).toBe(true);
    expect(await photos.getBlobClient('dog.jpg').downloadToBuffer()).toEqual(dog);
    expect(await refusal(writer.getBlobClient('dog.jpg').downloadToBuffer())).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });

    // Copy Blob reads its source for the caller: only what the same SAS could read.
    const catUrl = photos.getBlobClient('2026/cat picture.jpg').url;
    expect(await refusal(writer.getBlobClient('cat copy.jpg').syncCopyFromURL(catUrl))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    const copier = new ContainerClient(await photos.generateSasUrl({ permissions: ContainerSASPermissions.parse('rw'), expiresOn: inAnHour() }), new AnonymousCredential(), OPTIONS);
    expect((await copier.getBlobClient('cat copy.jpg').syncCopyFromURL(catUrl)).copyStatus).toBe('success');
    expect(await photos.getBlobClient('cat copy.jpg').downloadToBuffer()).toEqual(cat);
    const privateBox = owner.getContainerClient('private');
    await privateBox.create();
    await privateBox.getBlockBlobClient('diary.txt').uploadData(Buffer.from('dear diary'));
    expect(await refusal(copier.getBlobClient('diary copy.txt').syncCopyFromURL(privateBox.getBlobClient('diary.txt').url))).toEqual({
      status: 403,
      code: 'AuthorizationPermissionMismatch',
    });
  });

  it('a blob SAS reaches its blob only; appends need a or w', async () => {
    const owner = await plane.newAccount('sasblob');
    const logs = owner.getContainerClient('logs');
    await logs.create();
    const log = logs.getAppendBlobClient('app.log');
    await log.create();
    await logs.getBlockBlobClient('secret.txt').uploadData(Buffer.from('not for you'));

    const appendUrl = await log.generateSasUrl({ permissions: BlobSASPermissions.parse('a'), expiresOn: inAnHour() });
    const viaSas = new ContainerClient(appendUrl.replace('/app.log?', '?'), new AnonymousCredential(), OPTIONS);
    await viaSas.getAppendBlobClient('app.log').appendBlock(Buffer.from('line 1\n'), 7);
    expect((await log.downloadToBuffer()).toString()).toBe('line 1\n');
    expect(await refusal(viaSas.getAppendBlobClient('app.log').downloadToBuffer())).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    // The token signed for app.log is no signature for secret.txt, nor for the container.
    expect(await refusal(viaSas.getBlobClient('secret.txt').downloadToBuffer())).toEqual({ status: 403, code: 'AuthenticationFailed' });
    expect(await refusal(viaSas.getProperties())).toEqual({ status: 403, code: 'AuthorizationResourceTypeMismatch' });
  });

  it('an account SAS works at the levels and with the permissions it names', async () => {
    const owner = await plane.newAccount('sasaccount', { encrypted: true });
    const url = owner.generateAccountSasUrl(inAnHour(), AccountSASPermissions.parse('rwlc'), 'sco');
    const client = new BlobServiceClient(url, new AnonymousCredential(), OPTIONS);
    const reports = client.getContainerClient('reports');
    await reports.create();
    const data = randomBytes(10_000);
    expect((await reports.getBlockBlobClient('q4.csv').uploadData(data)).isServerEncrypted).toBe(true);
    expect(await reports.getBlobClient('q4.csv').downloadToBuffer()).toEqual(data);
    const containers: string[] = [];
    for await (const container of client.listContainers()) containers.push(container.name);
    expect(containers).toEqual(['reports']);
    expect(await refusal(reports.getBlobClient('q4.csv').delete())).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    expect(await refusal(reports.getAccessPolicy())).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });

    const objectsOnly = new BlobServiceClient(owner.generateAccountSasUrl(inAnHour(), AccountSASPermissions.parse('rwdlc'), 'o'), new AnonymousCredential(), OPTIONS);
    expect(await objectsOnly.getContainerClient('reports').getBlobClient('q4.csv').downloadToBuffer()).toEqual(data);
    expect(await refusal(objectsOnly.getContainerClient('more').create())).toEqual({ status: 403, code: 'AuthorizationResourceTypeMismatch' });
  });

  it('a blob SAS with response header overrides downloads with the headers it signed', async () => {
    const owner = await plane.newAccount('sasheaders', { encrypted: true });
    const reports = owner.getContainerClient('reports');
    await reports.create();
    const report = reports.getBlockBlobClient('q4.bin');
    const data = randomBytes(2048);
    await report.uploadData(data, { blobHTTPHeaders: { blobContentType: 'application/octet-stream', blobCacheControl: 'max-age=60' } });

    const link = await report.generateSasUrl({
      permissions: BlobSASPermissions.parse('r'),
      expiresOn: inAnHour(),
      contentType: 'text/csv',
      contentDisposition: 'attachment; filename="q4 report.csv"',
    });
    const viaLink = new BlockBlobClient(link, new AnonymousCredential(), OPTIONS);
    const downloaded = await viaLink.download();
    expect([downloaded.contentType, downloaded.contentDisposition, downloaded.cacheControl]).toEqual(['text/csv', 'attachment; filename="q4 report.csv"', 'max-age=60']);
    expect((await viaLink.getProperties()).contentType).toBe('text/csv');
    expect(await viaLink.downloadToBuffer()).toEqual(data);
    // The stored properties are unchanged, and an override not signed is not applied but refused.
    expect((await report.getProperties()).contentType).toBe('application/octet-stream');
    const altered = new BlockBlobClient(link.replace('rsct=text%2Fcsv', 'rsct=text%2Fhtml'), new AnonymousCredential(), OPTIONS);
    expect(await refusal(altered.download())).toEqual({ status: 403, code: 'AuthenticationFailed' });
  });

  it('stored access policies: Set and Get Container ACL, a SAS naming one works until the policy goes', async () => {
    const owner = await plane.newAccount('saspolicy');
    const shared = owner.getContainerClient('shared');
    await shared.create();
    await shared.getBlockBlobClient('a.txt').uploadData(Buffer.from('hello'));
    const startsOn = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    const expiresOn = new Date(startsOn.getTime() + 3_600_000);
    await shared.setAccessPolicy(undefined, [
      { id: 'readers', accessPolicy: { permissions: 'rl', startsOn, expiresOn } },
      { id: 'writers', accessPolicy: { permissions: 'w' } },
    ]);
    const acl = await shared.getAccessPolicy();
    expect(acl.blobPublicAccess).toBeUndefined();
    expect(acl.signedIdentifiers.map((i) => [i.id, i.accessPolicy?.permissions, i.accessPolicy?.startsOn?.getTime(), i.accessPolicy?.expiresOn?.getTime()])).toEqual([
      ['readers', 'rl', startsOn.getTime(), expiresOn.getTime()],
      ['writers', 'w', undefined, undefined],
    ]);

    const reader = new ContainerClient(await shared.generateSasUrl({ identifier: 'readers' }), new AnonymousCredential(), OPTIONS);
    expect((await reader.getBlobClient('a.txt').downloadToBuffer()).toString()).toBe('hello');
    expect(await refusal(reader.getBlockBlobClient('b.txt').uploadData(Buffer.from('b')))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    // The writers policy gives no expiry: the token must.
    const writer = new ContainerClient(await shared.generateSasUrl({ identifier: 'writers', expiresOn: inAnHour() }), new AnonymousCredential(), OPTIONS);
    await writer.getBlockBlobClient('b.txt').uploadData(Buffer.from('b'));
    const noExpiry = new ContainerClient(await shared.generateSasUrl({ identifier: 'writers' }), new AnonymousCredential(), OPTIONS);
    expect(await refusal(noExpiry.getBlockBlobClient('c.txt').uploadData(Buffer.from('c')))).toEqual({ status: 403, code: 'AuthenticationFailed' });
    // A part given by both the token and the policy is refused.
    const twice = new ContainerClient(await shared.generateSasUrl({ identifier: 'readers', permissions: ContainerSASPermissions.parse('r') }), new AnonymousCredential(), OPTIONS);
    expect(await refusal(twice.getBlobClient('a.txt').downloadToBuffer())).toEqual({ status: 403, code: 'AuthenticationFailed' });

    // Removing the policy revokes every SAS that names it, at once.
    await shared.setAccessPolicy(undefined, [{ id: 'writers', accessPolicy: { permissions: 'w' } }]);
    expect(await refusal(reader.getBlobClient('a.txt').downloadToBuffer())).toEqual({ status: 403, code: 'AuthenticationFailed' });
    expect((await shared.getAccessPolicy()).signedIdentifiers.map((i) => i.id)).toEqual(['writers']);

    // No public access on atrest's accounts; the ACL stays with the key's holder.
    expect(await refusal(shared.setAccessPolicy('blob'))).toEqual({ status: 409, code: 'PublicAccessNotPermitted' });
    const sixPolicies = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, accessPolicy: { permissions: 'r' } }));
    expect(await refusal(shared.setAccessPolicy(undefined, sixPolicies))).toEqual({ status: 400, code: 'InvalidXmlDocument' });
    const accountSas = new BlobServiceClient(owner.generateAccountSasUrl(inAnHour(), AccountSASPermissions.parse('rwdlc'), 'sco'), new AnonymousCredential(), OPTIONS);
    expect(await refusal(accountSas.getContainerClient('shared').setAccessPolicy(undefined, []))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    expect((await shared.getAccessPolicy()).signedIdentifiers.map((i) => i.id)).toEqual(['writers']);
  });

  it('a SAS in the copy source URL authorizes reading the source, as AzCopy copies between accounts', async () => {
    const sourceOwner = await plane.newAccount('sascopysrc');
    const src = sourceOwner.getContainerClient('src');
    await src.create();
    const data = randomBytes(3000);
    const original = src.getBlockBlobClient('data.bin');
    await original.uploadData(data);
    const destinationOwner = await plane.newAccount('sascopydst', { encrypted: true });
    const dst = destinationOwner.getContainerClient('dst');
    await dst.create();
    // The destination's SAS may only write; the source's own SAS lets it be read.
    const writer = new ContainerClient(await dst.generateSasUrl({ permissions: ContainerSASPermissions.parse('w'), expiresOn: inAnHour() }), new AnonymousCredential(), OPTIONS);
    const readable = await original.generateSasUrl({ permissions: BlobSASPermissions.parse('r'), expiresOn: inAnHour() });

    expect(await refusal(writer.getBlobClient('nosas.bin').syncCopyFromURL(original.url))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    expect((await writer.getBlobClient('copied.bin').syncCopyFromURL(readable)).copyStatus).toBe('success');
    expect((await writer.getBlockBlobClient('put.bin').syncUploadFromURL(readable)).isServerEncrypted).toBe(true);
    const staged = writer.getBlockBlobClient('staged.bin');
    const id = Buffer.from('b1').toString('base64');
    await staged.stageBlockFromURL(id, readable, 0, 1000);
    await staged.commitBlockList([id]);
    for (const [name, expected] of [['copied.bin', data], ['put.bin', data], ['staged.bin', data.subarray(0, 1000)]] as const) {
      expect(await dst.getBlobClient(name).downloadToBuffer()).toEqual(expected);
      expect((await dst.getBlobClient(name).getProperties()).isServerEncrypted).toBe(true);
      expect((await dst.getBlobClient(name).getProperties()).copySource ?? '').not.toContain('sig=');
    }

    const writeOnly = await original.generateSasUrl({ permissions: BlobSASPermissions.parse('w'), expiresOn: inAnHour() });
    expect(await refusal(writer.getBlockBlobClient('x.bin').syncUploadFromURL(writeOnly))).toEqual({ status: 403, code: 'AuthorizationPermissionMismatch' });
    const altered = readable.replace(/sig=[^&]+/, `sig=${encodeURIComponent(randomBytes(32).toString('base64'))}`);
    expect(await refusal(writer.getBlockBlobClient('y.bin').syncUploadFromURL(altered))).toEqual({ status: 403, code: 'CannotVerifyCopySource' });
    const otherBlob = readable.replace('/data.bin?', '/other.bin?');
    expect(await refusal(writer.getBlockBlobClient('z.bin').syncUploadFromURL(otherBlob))).toEqual({ status: 403, code: 'CannotVerifyCopySource' });
  });

  it('refuses expired, tampered and unsupported tokens with AuthenticationFailed, storing nothing', async () => {
    const owner = await plane.newAccount('sasrefused');
    const box = owner.getContainerClient('box');
    await box.create();
    const expired = await box.generateSasUrl({ permissions: ContainerSASPermissions.parse('rwl'), startsOn: new Date(Date.now() - 7_200_000), expiresOn: new Date(Date.now() - 3_600_000) });
    expect(await refusal(new ContainerClient(expired, new AnonymousCredential(), OPTIONS).getBlockBlobClient('a').uploadData(Buffer.from('a')))).toEqual({
      status: 403,
      code: 'AuthenticationFailed',
    });
    const valid = await box.generateSasUrl({ permissions: ContainerSASPermissions.parse('rl'), expiresOn: inAnHour() });
    const tampered = valid.replace('sp=rl', 'sp=rwl');
    expect(await refusal(new ContainerClient(tampered, new AnonymousCredential(), OPTIONS).getBlockBlobClient('a').uploadData(Buffer.from('a')))).toEqual({
      status: 403,
      code: 'AuthenticationFailed',
    });
    const noSuchPolicy = await box.generateSasUrl({ identifier: 'policy-1' });
    expect(await refusal(new ContainerClient(noSuchPolicy, new AnonymousCredential(), OPTIONS).getBlobClient('a').downloadToBuffer())).toEqual({
      status: 403,
      code: 'AuthenticationFailed',
    });
    // A request with neither Shared Key nor SAS is still asked for credentials.
    expect(await refusal(new BlockBlobClient(`${box.url}/a`, new AnonymousCredential(), OPTIONS).uploadData(Buffer.from('a')))).toEqual({
      status: 401,
      code: 'NoAuthenticationInformation',
    });
    const stored: string[] = [];
    for await (const blob of box.listBlobsFlat()) stored.push(blob.name);
    expect(stored).toEqual([]);
  });
});
