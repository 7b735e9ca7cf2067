import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntitySchema, MigrationInterface } from 'typeorm';
import { provideReadinessCheck } from '../health/provide-readiness-check';
import { DatabaseReadinessCheck } from './database.readiness';
import { databaseNameOf, describeDatabase, ensureDatabase } from './ensure-database';

type MigrationClass = new () => MigrationInterface;
type EntityClass = new (...args: never[]) => object;

export interface DatabaseOptions {
  /** postgres://user@host:port/database: the service's own database, created if missing. */
  url: string;
  /** Migration classes, run in order at startup. */
  migrations: MigrationClass[];
  /** Entity classes (or schemas) the service maps; none yet for an empty service. */
  entities?: Array<EntityClass | EntitySchema>;
}

/**
 * The service's own Postgres database as a TypeORM DataSource (inject the
 * DataSource class). Creates the database if missing, runs migrations on
 * start, never synchronizes, contributes the "database" readiness check and
 * is destroyed in onApplicationShutdown. Global modules shut down last, so
 * consumers stopping in their own shutdown hooks still have the database.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: DataSource, useFactory: () => openDataSource(options) },
        DataSourceCloser,
        ...provideReadinessCheck(DatabaseReadinessCheck),
      ],
      exports: [DataSource],
    };
  }
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

async function openDataSource({ url, migrations, entities = [] }: DatabaseOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
  });
  try {
    await ensureDatabase(url);
    return await dataSource.initialize();
  } catch (error) {
    throw new Error(`database ${databaseNameOf(url)} (${describeDatabase(url)}) is not usable`, { cause: error });
  }
}
