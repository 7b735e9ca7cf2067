import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { createTestContext, type TestContext } from '@atrest/testing';
import { accountPath, armClient, groupPath, startAccountService, type RunningService } from '../apps/account-service/src/testing/service-harness';
import { type RunningGateway, startGateway } from '../apps/api-gateway/src/testing/gateway.fixture';
import { closeStubServices, startStubServices, stubEnv, type StubServices } from '../apps/api-gateway/src/testing/stub-services';

// The gateway's Shared Key against the real account-service: an account
// created over ARM is usable on the data plane with the keys listKeys shows,
// an unknown one is 404 ResourceNotFound, and a regenerated key takes over
// once the gateway's key cache expires. blob-data-service is a stub that
// records what reaches it.

const SUB = 'sub-blob-gateway-keys';
const KEYS_TTL_MS = 500;

let ctx: TestContext;
let accounts: RunningService;
let stubs: StubServices;
let gateway: RunningGateway;
let arm: ReturnType<typeof armClient>;

beforeAll(async () => {
  ctx = await createTestContext('blob-gateway-keys');
  accounts = await startAccountService(ctx);
  arm = armClient(accounts.url);
  stubs = await startStubServices();
  // Create Container's answer, all the calls below need.
  stubs['blob-data-service'].handler = (_req, res) => {
    res.writeHead(201, { etag: '"0x1"', 'last-modified': new Date().toUTCString(), 'content-length': '0' });
    res.end();
  };
  gateway = await startGateway({ ...stubEnv(stubs), ACCOUNT_SERVICE_URL: accounts.url, ACCOUNT_KEYS_TTL_MS: String(KEYS_TTL_MS), LOG_LEVEL: 'silent' });
  await arm.put(groupPath(SUB, 'data-rg'), { location: 'eastus' });
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await closeStubServices(stubs);
  await accounts?.close();
  await ctx?.dispose();
});

const client = (account: string, key: string) =>
  new BlobServiceClient(`${gateway.blobUrl}/${account}`, new StorageSharedKeyCredential(account, key), { retryOptions: { maxTries: 1 } });

const listKeys = async (account: string): Promise<[string, string]> => {
  const { body } = await arm.post(`${accountPath(SUB, 'data-rg', account)}/listKeys`);
  return body.keys.map((key: { value: string }) => key.value);
};

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { statusCode?: number; code?: string }) => ({ status: error.statusCode, code: error.code }),
  );

it('accepts either key listKeys shows for an account created over ARM, and refuses an account that does not exist', async () => {
  expect((await arm.put(accountPath(SUB, 'data-rg', 'gwkeysacct'), { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', location: 'eastus' })).status).toBe(200);
  const [key1, key2] = await listKeys('gwkeysacct');
  await client('gwkeysacct', key1).getContainerClient('one').create();
  await client('gwkeysacct', key2).getContainerClient('two').create();
  expect(stubs['blob-data-service'].requests.map((r) => [r.url, r.headers['x-atrest-account'], r.headers.authorization])).toEqual([
    ['/blob/gwkeysacct/one?restype=container', 'gwkeysacct', undefined],
    ['/blob/gwkeysacct/two?restype=container', 'gwkeysacct', undefined],
  ]);
  expect(await refusal(client('gwnoacct', key1).getContainerClient('one').create())).toEqual({ status: 404, code: 'ResourceNotFound' });
});

it('after regenerateKey, refuses the old key and accepts the new one once the key cache has expired', async () => {
  const [oldKey1] = await listKeys('gwkeysacct');
  await client('gwkeysacct', oldKey1).getContainerClient('cached').create();
  const regenerated = await arm.post(`${accountPath(SUB, 'data-rg', 'gwkeysacct')}/regenerateKey`, { keyName: 'key1' });
  const newKey1 = regenerated.body.keys[0].value;
  expect(newKey1).not.toBe(oldKey1);
  await new Promise((resolve) => setTimeout(resolve, KEYS_TTL_MS + 100));
  expect(await refusal(client('gwkeysacct', oldKey1).getContainerClient('old').create())).toEqual({ status: 403, code: 'AuthenticationFailed' });
  await client('gwkeysacct', newKey1).getContainerClient('new').create();
});
