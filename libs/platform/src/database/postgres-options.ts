import type { DataSourceOptions, EntitySchema, MigrationInterface } from 'typeorm';
import { PreparingClient } from './prepared-statements';

type MigrationClass = new () => MigrationInterface;
type EntityClass = new (...args: never[]) => object;

export interface PostgresDataSourceSettings {
  /** postgres://user@host:port/database */
  readonly url: string;
  /** Migration classes, run in order (each in its own transaction) when the DataSource initializes. */
  readonly migrations: MigrationClass[];
  readonly entities?: Array<EntityClass | EntitySchema>;
}

/**
 * How every atrest database is opened (a service's own, a region store, a
 * spec's): migrations run at initialize, never synchronize, and the pool's
 * connections prepare their statements (PreparingClient).
 */
export const postgresDataSourceOptions = ({ url, migrations, entities = [] }: PostgresDataSourceSettings): DataSourceOptions => ({
  type: 'postgres',
  url,
  entities,
  migrations,
  migrationsRun: true,
  migrationsTransactionMode: 'each',
  synchronize: false,
  logging: false,
  extra: { Client: PreparingClient },
});
