import { randomBytes } from 'node:crypto';
import { StorageManagementClient, type Encryption } from '@azure/arm-storage';
import type { ContainerClient } from '@azure/storage-blob';
import { Topics } from '@atrest/contracts';
import { KafkaProbe, waitFor } from '@atrest/testing';
import { callGateway } from '../apps/api-gateway/src/testing/gateway.fixture';
import { download, MiB, refusal, startDataPlane, type DataPlane } from './blob-data-plane.fixture';

// Issue 4's customer-managed key set on the storage account itself, end to
// end: @azure/arm-storage's storageAccounts.update through the gateway sends
// encryption {keySource, keyvaultproperties}; account-service asks
// key-management-service (KeySourceChangeRequested) and answers once the ring
// is re-wrapped. Data written before stays readable (only keys are
// re-wrapped), revocation still stops the data plane, and back to Microsoft.Storage.

const NAME = 'cmkflow';
const VAULT = 'https://e2evault.vault.azure.net';
const VAULT_KEY = '/operator/keyvault/e2evault/keys/sse-key/versions/0a1b2c3d';

let plane: DataPlane;
let storage: StorageManagementClient;
let container: ContainerClient;
let group: string;
let operator: string;
let customer: string;
const customerKey = randomBytes(32).toString('base64');
const before = randomBytes(MiB + 7);
const keyvault = (keyVersion: string): Encryption => ({ keySource: 'Microsoft.Keyvault', keyVaultProperties: { keyName: 'sse-key', keyVersion, keyVaultUri: VAULT } });
const encryptionKeys = async () => (await callGateway(plane.gateway, plane.encryptionKeysPath(NAME), { bearer: customer })).body.properties;

beforeAll(async () => {
  plane = await startDataPlane('customer-managed-keys');
  // The fixture's subscription and group, as its ARM paths name them.
  const [, , subscriptionId, , resourceGroup] = plane.encryptionKeysPath(NAME).split('/');
  group = resourceGroup;
  customer = await plane.gateway.token([subscriptionId]);
  operator = await plane.gateway.token([], { operator: true });
  storage = new StorageManagementClient(plane.gateway.credential([subscriptionId]), subscriptionId, {
    endpoint: plane.gateway.url,
    tlsOptions: { ca: plane.gateway.caCert },
    retryOptions: { maxRetries: 1, retryDelayInMs: 200 },
  });
  container = (await plane.newAccount(NAME, { encrypted: true })).getContainerClient('kept');
  await container.create();
  await container.getBlockBlobClient('before.bin').uploadData(before);
}, 180_000);

afterAll(() => plane?.close());

describe('keySource Microsoft.Keyvault on the account, with the real Azure clients', () => {
  it('a key never imported: 400 KeyVaultEncryptionKeyNotFound, nothing changed', async () => {
    expect(await refusal(storage.storageAccounts.update(group, NAME, { encryption: keyvault('0a1b2c3d') }))).toEqual({
      status: 400,
      code: 'KeyVaultEncryptionKeyNotFound',
    });
    expect((await storage.storageAccounts.getProperties(group, NAME)).encryption?.keySource).toBe('Microsoft.Storage');
    expect(await encryptionKeys()).toMatchObject({ keySource: 'Microsoft.Storage' });
  });

  it('imported by the operator, then set by the customer: 200 with keyVaultProperties; encryptionKeys shows it', async () => {
    const imported = await callGateway(plane.gateway, VAULT_KEY, { method: 'PUT', bearer: operator, body: { key: customerKey } });
    expect(imported.status).toBe(201);
    const updated = await storage.storageAccounts.update(group, NAME, { encryption: keyvault('0a1b2c3d') });
    expect(updated.provisioningState).toBe('Succeeded');
    expect(updated.encryption).toMatchObject({
      keySource: 'Microsoft.Keyvault',
      keyVaultProperties: {
        keyName: 'sse-key',
        keyVersion: '0a1b2c3d',
        keyVaultUri: VAULT,
        currentVersionedKeyIdentifier: `${VAULT}/keys/sse-key/0a1b2c3d`,
        lastKeyRotationTimestamp: expect.any(Date),
      },
      services: { blob: { enabled: true } },
    });
    expect(await encryptionKeys()).toMatchObject({ keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyname: 'sse-key', keyversion: '0a1b2c3d', keyvaulturi: VAULT } });
  });

  it('data written before is untouched and readable; new writes are encrypted', async () => {
    expect((await download(container, 'before.bin')).equals(before)).toBe(true);
    expect((await container.getBlockBlobClient('after.bin').uploadData(randomBytes(1000))).isServerEncrypted).toBe(true);
  });

  it('revoking the key still stops the data plane (403 KeyVaultEncryptionKeyNotFound); restoring brings the data back', async () => {
    expect((await callGateway(plane.gateway, `${VAULT_KEY}/revoke`, { method: 'POST', bearer: operator })).status).toBe(200);
    const refused = await waitFor(
      async () => {
        const answer = await refusal(container.getBlockBlobClient('before.bin').downloadToBuffer()).catch(() => undefined);
        return answer?.status === 403 && answer;
      },
      { what: 'reads refused after revocation', timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(refused).toEqual({ status: 403, code: 'KeyVaultEncryptionKeyNotFound' });

    expect((await callGateway(plane.gateway, `${VAULT_KEY}/restore`, { method: 'POST', bearer: operator })).status).toBe(200);
    const restored = await waitFor(async () => container.getBlockBlobClient('before.bin').downloadToBuffer().catch(() => undefined), {
      what: 'reads back after restore',
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    expect(restored.equals(before)).toBe(true);
  });

  it('keySource Microsoft.Storage switches back; the data stays readable', async () => {
    const back = await storage.storageAccounts.update(group, NAME, { encryption: { keySource: 'Microsoft.Storage' } });
    expect(back.encryption?.keySource).toBe('Microsoft.Storage');
    expect(back.encryption?.keyVaultProperties).toBeUndefined();
    expect(await encryptionKeys()).toMatchObject({ keySource: 'Microsoft.Storage' });
    expect((await download(container, 'before.bin')).equals(before)).toBe(true);
  });

  it('no Kafka payload carries the customer key', async () => {
    const probe = new KafkaProbe(plane.ctx.kafkaBrokers);
    const payloads = [
      ...(await probe.readAll(`${plane.ctx.topicPrefix}${Topics.accounts}`, { atLeast: 10_000, timeoutMs: 3_000 })),
      ...(await probe.readAll(`${plane.ctx.topicPrefix}${Topics.keys}`, { atLeast: 10_000, timeoutMs: 3_000 })),
    ].map((m) => m.value!.toString());
    expect(payloads.map((p) => JSON.parse(p).type)).toEqual(expect.arrayContaining(['KeySourceChangeRequested', 'CustomerManagedKeyConfigured', 'KeySourceChangeCompleted']));
    const bytes = Buffer.from(customerKey, 'base64');
    for (const form of [customerKey, bytes.toString('hex'), bytes.toString('base64url'), plane.kms.rootKey])
      expect(payloads.filter((p) => p.includes(form))).toEqual([]);
  });
});
