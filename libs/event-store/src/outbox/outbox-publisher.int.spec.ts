import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@atrest/contracts';
import { createTestContext, type TestContext } from '@atrest/testing';
import { EventStore, eventStoreMigrations, OutboxPublisher, type PendingOutboxMessage } from '../index';

const now = new Date('2026-11-29T10:00:00.000Z');
const enabled = (accountName: string): DomainEvent => ({
  type: 'EncryptionEnabled',
  data: { subscriptionId: 'sub1', resourceGroup: 'rg1', accountName: `acct${accountName}`, services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: now.toISOString() },
});

describe('OutboxPublisher (real Postgres)', () => {
  let ctx: TestContext;
  let db: DataSource;
  let store: EventStore;
  const publishers: OutboxPublisher[] = [];
  const publisher = () => {
    const p = new OutboxPublisher(db);
    publishers.push(p);
    return p;
  };
  const collect = (into: PendingOutboxMessage[]) => async (messages: readonly PendingOutboxMessage[]) => void into.push(...messages);
  /**
   * Waits until `count` unpublished rows pass the relay's gate (ADR 0002): it is cluster-wide, so a
   * transaction of a spec running beside this one in another database may hold them back for a while.
   */
  const visibleToRelays = async (count: number): Promise<void> => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
      );
      if (n >= count) return;
    }
    throw new Error(`${count} outbox rows not visible to relays within 30 s`);
  };

  beforeAll(async () => {
    ctx = await createTestContext('outbox-publisher');
    db = await ctx.openDatabase(eventStoreMigrations);
    store = new EventStore(db);
  });
  afterEach(() => Promise.all(publishers.splice(0).map((p) => p.release())));
  afterAll(() => ctx.dispose());

  it('publishes in commit order, deletes what it published, and polls an idle outbox in one round trip', async () => {
    await store.append('acct-a', 0, [enabled('a'), enabled('a')], { now });
    await store.append('acct-b', 0, [enabled('b')], { now });
    await visibleToRelays(3);
    const relay = publisher();
    const sent: PendingOutboxMessage[] = [];
    const spy = jest.spyOn(db.logger, 'logQuery');
    try {
      expect(await relay.publishNextBatch(2, collect(sent))).toBe(2);
      expect(spy).toHaveBeenCalledTimes(3); // the lock, once; then read and mark
      spy.mockClear();
      expect(await relay.publishNextBatch(2, collect(sent))).toBe(1);
      expect(spy).toHaveBeenCalledTimes(2);
      spy.mockClear();
      expect(await relay.publishNextBatch(2, collect(sent))).toBe(0);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(sent.map((m) => m.key)).toEqual(['acct-a', 'acct-a', 'acct-b']);
    expect(Number((await db.query(`SELECT count(*) AS n FROM outbox`))[0].n)).toBe(0);
  });

  it('reads on from the horizon of its last pass without passing over a transaction that commits late', async () => {
    const relay = publisher();
    const sent: PendingOutboxMessage[] = [];
    const late = db.createQueryRunner();
    try {
      await late.startTransaction();
      await store.append('acct-late', 0, [enabled('late')], { now, manager: late.manager });
      await store.append('acct-early', 0, [enabled('early')], { now });
      // The open transaction holds the horizon at its own id: the committed row behind it waits too, and the relay is told so.
      expect(await relay.publishNextBatch(10, collect(sent))).toBe(0);
      expect(relay.heldBack).toBe(true);
      await late.commitTransaction();
    } finally {
      await late.release();
    }
    await visibleToRelays(2);
    expect(await relay.publishNextBatch(10, collect(sent))).toBe(2);
    expect(sent.map((m) => m.key)).toEqual(['acct-late', 'acct-early']);
    expect(relay.heldBack).toBe(false);
  });

  it('lets one relay per database publish at a time, and another take over once it lets go', async () => {
    const [first, second] = [publisher(), publisher()];
    await store.append('acct-c', 0, [enabled('c')], { now });
    await visibleToRelays(1);
    const byFirst: PendingOutboxMessage[] = [];
    const bySecond: PendingOutboxMessage[] = [];
    expect(await first.publishNextBatch(10, collect(byFirst))).toBe(1);

    await store.append('acct-c', 1, [enabled('c')], { now });
    await visibleToRelays(1);
    expect(await second.publishNextBatch(10, collect(bySecond))).toBe(0);
    await first.release();
    expect(await second.publishNextBatch(10, collect(bySecond))).toBe(1);
    expect([byFirst.length, bySecond.length]).toEqual([1, 1]);
  });

  it('deletes nothing when publishing fails, and lets go of the lock so another relay can re-send', async () => {
    const [failing, other] = [publisher(), publisher()];
    const { events } = await store.append('acct-d', 0, [enabled('d')], { now });
    await visibleToRelays(1);
    await expect(failing.publishNextBatch(10, () => Promise.reject(new Error('Kafka is down')))).rejects.toThrow('Kafka is down');

    const resent: PendingOutboxMessage[] = [];
    expect(await other.publishNextBatch(10, collect(resent))).toBe(1);
    expect(resent.map((m) => m.messageId)).toEqual([events[0].eventId]);
  });
});
