import type { DataSource } from 'typeorm';
import { InvalidEventError, type DomainEvent } from '@atrest/contracts';
import { createTestContext, waitFor, type TestContext } from '@atrest/testing';
import { ConcurrencyConflict, EventStore, eventStoreMigrations, OutboxPublisher } from '../index';

const now = new Date('2026-11-29T10:00:00.000Z');
const account = { subscriptionId: 'sub1', resourceGroup: 'rg1', accountName: 'acct1' };
const created: DomainEvent = {
  type: 'StorageAccountCreated',
  data: { ...account, location: 'eastus', sku: 'Standard_GRS', kind: 'StorageV2', deploymentModel: 'ResourceManager', createdAt: now.toISOString() },
};
const enabled: DomainEvent = {
  type: 'EncryptionEnabled',
  data: { ...account, services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: now.toISOString() },
};
const disabled: DomainEvent = { type: 'EncryptionDisabled', data: { ...account, services: ['blob'], disabledAt: now.toISOString() } };

describe('EventStore (real Postgres)', () => {
  let ctx: TestContext;
  let db: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    ctx = await createTestContext('event-store');
    db = await ctx.openDatabase(eventStoreMigrations);
    store = new EventStore(db);
  });
  afterAll(() => ctx.dispose());

  it('appends to a new stream and folds it back', async () => {
    await store.append('acct-fold', 0, [created, enabled], { now });
    const { state, version } = await store.aggregateStream('acct-fold', {
      initialState: () => ({ encrypted: false, events: 0 }),
      evolve: (s, e) => ({ encrypted: e.type === 'EncryptionEnabled' ? true : e.type === 'EncryptionDisabled' ? false : s.encrypted, events: s.events + 1 }),
    });
    expect(version).toBe(2);
    expect(state).toEqual({ encrypted: true, events: 2 });
  });

  it('refuses an append at a stale expected version, or one ahead of the stream, saying where the stream is', async () => {
    await store.append('acct-stale', 0, [created], { now });
    await expect(store.append('acct-stale', 0, [enabled], { now })).rejects.toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    await expect(store.append('acct-stale', 2, [enabled], { now })).rejects.toMatchObject({ expectedVersion: 2, actualVersion: 1 });
    await expect(store.append('acct-stale', 0, [enabled], { now })).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await store.readStream('acct-stale')).map((e) => e.streamVersion)).toEqual([1]);
  });

  it("appends at whatever version the stream is at with 'any'", async () => {
    await store.append('acct-any', 'any', [created], { now });
    const { nextExpectedVersion } = await store.append('acct-any', 'any', [enabled, disabled], { now });
    expect(nextExpectedVersion).toBe(3);
    expect((await store.readStream('acct-any')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
  });

  it('appends in one round trip, and leaves a joined transaction usable after a stale version', async () => {
    const spy = jest.spyOn(db.logger, 'logQuery');
    try {
      await store.append('acct-trips', 0, [created, enabled], { now });
      expect(spy).toHaveBeenCalledTimes(1);
      await db.transaction(async (manager) => {
        await expect(store.append('acct-trips', 0, [disabled], { now, manager })).rejects.toBeInstanceOf(ConcurrencyConflict);
        await store.append('acct-trips', 2, [disabled], { now, manager });
      });
    } finally {
      spy.mockRestore();
    }
    expect((await store.readStream('acct-trips')).map((e) => e.type)).toEqual(['StorageAccountCreated', 'EncryptionEnabled', 'EncryptionDisabled']);
  });

  it('lets exactly one of two concurrent appends at the same version win, with no gap or duplicate', async () => {
    await store.append('acct-race', 0, [created], { now });
    for (let round = 0; round < 10; round++) {
      const version = (await store.readStream('acct-race')).length;
      const results = await Promise.allSettled([
        store.append('acct-race', version, [enabled], { now }),
        store.append('acct-race', version, [disabled], { now }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConcurrencyConflict);
    }
    const versions = (await store.readStream('acct-race')).map((e) => e.streamVersion);
    expect(versions).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('writes one outbox row per event in the same statement, in stream order, and none when the append fails', async () => {
    const before = await outboxCount(db);
    const { events } = await store.append('acct-outbox', 0, [created, enabled], { now });
    expect(await outboxCount(db)).toBe(before + 2);
    const queued = await db.query(`SELECT message_id, message_key, topic, payload FROM outbox WHERE message_key = 'acct-outbox' ORDER BY position`);
    expect(queued.map((r: { message_id: string }) => r.message_id)).toEqual(events.map((e) => e.eventId));
    expect(queued.map((r: { payload: unknown }) => r.payload)).toEqual(events);
    expect(await store.readStream('acct-outbox')).toEqual(events);
    await expect(store.append('acct-outbox', 0, [disabled], { now })).rejects.toBeInstanceOf(ConcurrencyConflict);
    await expect(db.transaction(async (manager) => {
      await store.append('acct-rollback', 0, [created], { now, manager });
      throw new Error('caller rolls back');
    })).rejects.toThrow('caller rolls back');
    expect(await outboxCount(db)).toBe(before + 2);
    expect(await store.readStream('acct-rollback')).toEqual([]);
  });

  it('rejects an event that breaks its contract before writing anything', async () => {
    const bad: DomainEvent = { type: 'EncryptionEnabled', data: { ...account, services: [] } };
    await expect(store.append('acct-bad', 0, [created, bad], { now })).rejects.toBeInstanceOf(InvalidEventError);
    expect(await store.readStream('acct-bad')).toEqual([]);
  });

  it('never lets a reader skip an event whose transaction commits late', async () => {
    const start = await lastPosition(db);
    // A transaction that takes a global position first but commits last.
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await store.append('acct-late', 0, [created], { now, manager: runner.manager });
    await store.append('acct-early', 0, [created], { now });

    const seenWhileOpen = await store.readAll(start);
    expect(seenWhileOpen.map((e) => e.streamId)).not.toContain('acct-early');
    let published = 0;
    const publisher = new OutboxPublisher(db);
    await publisher.publishNextBatch(100, async (messages) => {
      published = messages.filter((m) => m.key === 'acct-early').length;
    });
    await publisher.release();
    expect(published).toBe(0);

    await runner.commitTransaction();
    await runner.release();
    // xmin is cluster-wide: other databases' transactions may hold readers back briefly.
    const seen = await waitFor(async () => {
      const ids = (await store.readAll(start)).map((e) => e.streamId);
      return ids.includes('acct-early') && ids;
    }, { what: 'both events readable after the late commit' });
    expect(seen.indexOf('acct-late')).toBeLessThan(seen.indexOf('acct-early'));
  });
});

const outboxCount = async (db: DataSource): Promise<number> =>
  Number((await db.query(`SELECT count(*) AS n FROM outbox`))[0].n);

const lastPosition = async (db: DataSource): Promise<string> =>
  String((await db.query(`SELECT coalesce(max(global_position), 0) AS p FROM events`))[0].p);
