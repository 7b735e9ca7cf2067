import type { EntityManager } from 'typeorm';
import { renumberParameters, WriteBatch } from './write-batch';

const recording = (answer: Record<string, unknown>) => {
  const sent: Array<{ sql: string; parameters: unknown[] }> = [];
  const manager = {
    query: (sql: string, parameters: unknown[]) => {
      sent.push({ sql: sql.replace(/\s+/g, ' '), parameters });
      return Promise.resolve([answer]);
    },
  } as unknown as EntityManager;
  return { sent, manager };
};

it('shifts the parameters from a given number on', () => {
  expect(renumberParameters('a = $1 AND b = $5 OR c = $12', 10, 5)).toBe('a = $1 AND b = $15 OR c = $22');
});

it('sends its statements as one, parameters renumbered, and hands each RETURNING its rows', async () => {
  const { sent, manager } = recording({ gone: [{ id: 'x' }] });
  const batch = new WriteBatch();
  batch.add('added', 'INSERT INTO t (a, b) VALUES ($1, $2)', [1, 2]);
  let gone: unknown[] = [];
  batch.add('gone', 'DELETE FROM t WHERE a = $1 RETURNING id', [3], (rows) => (gone = rows));
  await batch.run(manager);
  expect(sent).toEqual([
    {
      sql: `WITH added AS (INSERT INTO t (a, b) VALUES ($1, $2)), gone AS (DELETE FROM t WHERE a = $3 RETURNING id) SELECT (SELECT coalesce(json_agg(r), '[]') FROM gone r) AS gone`,
      parameters: [1, 2, 3],
    },
  ]);
  expect(gone).toEqual([{ id: 'x' }]);
});

it('sends nothing when empty, and refuses two statements of one name', async () => {
  const { sent, manager } = recording({});
  const batch = new WriteBatch();
  await batch.run(manager);
  expect(sent).toEqual([]);
  batch.add('a', 'DELETE FROM t', []);
  expect(() => batch.add('a', 'DELETE FROM u', [])).toThrow(/already/);
});
