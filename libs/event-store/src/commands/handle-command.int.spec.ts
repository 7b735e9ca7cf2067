import type { DataSource } from 'typeorm';
import { DomainError, type EventEnvelope } from '@atrest/contracts';
import { createTestContext, type TestContext } from '@atrest/testing';
import { EventStore, eventStoreMigrations, handleCommand } from '../index';

const now = new Date('2026-11-29T10:00:00.000Z');
const ref = { subscriptionId: 'sub1', resourceGroup: 'rg1', accountName: 'acct1' };

interface Toggles {
  enabled: boolean;
  changes: number;
}
const initialState = (): Toggles => ({ enabled: false, changes: 0 });
const evolve = (s: Toggles, e: EventEnvelope): Toggles =>
  e.type === 'EncryptionEnabled' ? { enabled: true, changes: s.changes + 1 } : e.type === 'EncryptionDisabled' ? { enabled: false, changes: s.changes + 1 } : s;
const toggle = (s: Toggles) =>
  s.enabled
    ? [{ type: 'EncryptionDisabled', data: { ...ref, services: ['blob'], disabledAt: now.toISOString() } }]
    : [{ type: 'EncryptionEnabled', data: { ...ref, services: ['blob'], keySource: 'Microsoft.Storage', enabledAt: now.toISOString() } }];

describe('handleCommand (real Postgres)', () => {
  let ctx: TestContext;
  let db: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    ctx = await createTestContext('handle-command');
    db = await ctx.openDatabase(eventStoreMigrations);
    await db.query(`CREATE TABLE toggle_view (stream_id text PRIMARY KEY, enabled boolean NOT NULL, changes int NOT NULL)`);
    store = new EventStore(db);
  });
  afterAll(() => ctx.dispose());

  const project = async (events: readonly EventEnvelope[], s: Toggles, manager: import('typeorm').EntityManager) => {
    await manager.query(
      `INSERT INTO toggle_view VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO UPDATE SET enabled = $2, changes = $3`,
      [events[0].streamId, s.enabled, s.changes],
    );
  };

  it('never loses an update among concurrent commands: each reloads and decides again on conflict', async () => {
    await Promise.all(
      Array.from({ length: 8 }, () => handleCommand(store, { streamId: 'toggles', initialState, evolve, decide: toggle, now, project, maxAttempts: 20 })),
    );
    const { state, version } = await store.aggregateStream('toggles', { initialState, evolve });
    expect(version).toBe(8);
    expect(state).toEqual({ enabled: false, changes: 8 });
    expect(await db.query(`SELECT enabled, changes FROM toggle_view WHERE stream_id = 'toggles'`)).toEqual([{ enabled: false, changes: 8 }]);
  });

  it('costs a read, then the append and the projection in one transaction: five round trips', async () => {
    const spy = jest.spyOn(db.logger, 'logQuery');
    try {
      await handleCommand(store, { streamId: 'counted', initialState, evolve, decide: toggle, now, project });
      expect(spy.mock.calls.map(([sql]) => sql.trim().split(/\s+/)[0])).toEqual(['SELECT', 'START', 'WITH', 'INSERT', 'COMMIT']);
    } finally {
      spy.mockRestore();
    }
  });

  it('commits nothing when the decision is a domain error or the projection fails', async () => {
    const refuse = () => {
      throw new DomainError('EncryptionNotAllowed', 'refused');
    };
    await expect(handleCommand(store, { streamId: 'refused', initialState, evolve, decide: refuse, now })).rejects.toThrow('refused');
    await expect(
      handleCommand(store, {
        streamId: 'broken-projection',
        initialState,
        evolve,
        decide: toggle,
        now,
        project: async () => {
          throw new Error('read model rejected it');
        },
      }),
    ).rejects.toThrow('read model rejected it');
    expect(await store.readStream('refused')).toEqual([]);
    expect(await store.readStream('broken-projection')).toEqual([]);
  });
});
