import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { provideReadinessCheck } from '../health/provide-readiness-check';
import { DatabaseReadinessCheck } from './database.readiness';
import { databaseNameOf, describeDatabase, ensureDatabase } from './ensure-database';
import { postgresDataSourceOptions, type PostgresDataSourceSettings } from './postgres-options';

/** The service's own database (created if missing), its migrations (run at startup) and entities, if it maps any. */
export type DatabaseOptions = PostgresDataSourceSettings;

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

async function openDataSource(options: DatabaseOptions): Promise<DataSource> {
  const { url } = options;
  const dataSource = new DataSource(postgresDataSourceOptions(options));
  try {
    await ensureDatabase(url);
    return await dataSource.initialize();
  } catch (error) {
    throw new Error(`database ${databaseNameOf(url)} (${describeDatabase(url)}) is not usable`, { cause: error });
  }
}
