import type { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

/**
 * Waits until the outbox of every database given is empty: the relay
 * deletes what Kafka acknowledged, so all they held is on Kafka then
 * (KafkaProbe.readPublished reads it).
 */
export const outboxRelayed = (databases: ReadonlyArray<Pick<DataSource, 'query'>>, what = 'the outbox relayed'): Promise<true> =>
  waitFor(async () => (await Promise.all(databases.map((db) => db.query(`SELECT count(*)::int AS n FROM outbox`)))).every(([{ n }]) => n === 0) || undefined, {
    what,
  });
