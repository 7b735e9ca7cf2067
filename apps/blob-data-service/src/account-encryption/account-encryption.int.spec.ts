import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Topics, type DomainEvent } from '@atrest/contracts';
import { envelopeEvents } from '@atrest/event-store';
import { createServiceApp, loadConfig } from '@atrest/platform';
import { createTestContext, KafkaProbe, outboxRelayed, waitFor, type TestContext } from '@atrest/testing';
import { blobDataServiceApp } from '../service-app';
import { NO_KEY_SERVICE } from '../testing/blob-service.fixture';

const ref = { subscriptionId: 'sub-1', resourceGroup: 'rg', accountName: 'planeacct' };
const at = '2026-12-01T10:00:00.000Z';
const created: DomainEvent = {
  type: 'StorageAccountCreated',
  data: { ...ref, location: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2', deploymentModel: 'ResourceManager', createdAt: at },
};
const enabled: DomainEvent = { type: 'EncryptionEnabled', data: { ...ref, services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: at } };
const disabled: DomainEvent = { type: 'EncryptionDisabled', data: { ...ref, services: ['blob'], disabledAt: at } };
const deleted: DomainEvent = { type: 'StorageAccountDeleted', data: { ...ref, deletedAt: at } };

describe('blob-data-service: account encryption state and its acknowledgements (real Postgres and Kafka)', () => {
  let ctx: TestContext;
  let app: INestApplication;
  let db: DataSource;
  const probe = () => new KafkaProbe(ctx.kafkaBrokers);
  const state = async () =>
    (
      await db.query(
        `SELECT enabled, account_stream_version AS version, deleted, region, sku, kind, key_source AS "keySource", incarnation
           FROM account_encryption_state WHERE account_name = 'planeacct'`,
      )
    )[0];
  const publish = (version: number, event: DomainEvent) => {
    const [envelope] = envelopeEvents('StorageAccount-planeacct', version, [event], new Date(at));
    return probe().produce(`${ctx.topicPrefix}${Topics.accounts}`, [{ key: envelope.streamId, value: JSON.stringify(envelope) }]);
  };

  beforeAll(async () => {
    ctx = await createTestContext('account-encryption');
    const config = loadConfig(blobDataServiceApp.configSchema, {
      ...NO_KEY_SERVICE,
      DATABASE_URL: await ctx.databaseUrlFor('blobs'),
      EXTENT_DATA_DIR: join(tmpdir(), `atrest-extents-${ctx.id}`),
      KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: ctx.topicPrefix,
      LOG_LEVEL: 'silent',
    });
    app = await createServiceApp({ ...blobDataServiceApp, config });
    await app.init();
    db = app.get(DataSource);
  });
  afterAll(async () => {
    await app?.close();
    await rm(join(tmpdir(), `atrest-extents-${ctx.id}`), { recursive: true, force: true });
    await ctx.dispose();
  });

  it('follows the account stream, ignores a replayed older event, keeps a deleted account as a tombstone, and acknowledges each applied version', async () => {
    const view = { region: 'eastus', sku: 'Standard_LRS', kind: 'StorageV2' };
    await publish(1, created);
    await publish(2, enabled);
    await waitFor(async () => (await state())?.version === 2, { what: 'version 2 applied' });
    expect(await state()).toEqual({ enabled: true, version: 2, deleted: false, keySource: 'Microsoft.Storage', incarnation: 1, ...view });

    // An older event arriving again (a new message id, so not a redelivery the consumer dedupes): no effect.
    await publish(1, disabled);
    await publish(3, deleted);
    await waitFor(async () => (await state())?.deleted, { what: 'the deleted account' });
    expect(await state()).toMatchObject({ enabled: false, version: 3, deleted: true });
    // After the delete, a replay of the enabling event cannot bring the account back.
    await publish(2, enabled);
    await publish(4, created);
    await waitFor(async () => (await state())?.version === 4, { what: 'the re-created account' });
    expect(await state()).toEqual({ enabled: false, version: 4, deleted: false, keySource: null, incarnation: 4, ...view });

    await outboxRelayed([db], 'every acknowledgement relayed');
    const acks = await probe().readPublished(`${ctx.topicPrefix}${Topics.dataPlane}`);
    const applied = acks.map((m) => JSON.parse(m.value!.toString()));
    expect(applied.map((e) => [e.type, e.streamId, e.streamVersion, e.data.accountStreamVersion, e.data.encryptionEnabled])).toEqual([
      ['DataPlaneEncryptionStateApplied', 'DataPlaneAccount-planeacct', 1, 1, false],
      ['DataPlaneEncryptionStateApplied', 'DataPlaneAccount-planeacct', 2, 2, true],
      ['DataPlaneEncryptionStateApplied', 'DataPlaneAccount-planeacct', 4, 4, false],
    ]);
  });
});
