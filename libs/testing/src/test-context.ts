import { DataSource, type MigrationInterface } from 'typeorm';
import { postgresDataSourceOptions } from '@atrest/platform';
import { testInfrastructure } from './infrastructure/test-infrastructure';
import { KafkaProbe } from './kafka-probe';
import { adminQuery, newTestContextId, testDatabaseName, withDatabase } from './test-databases';

type MigrationClass = new () => MigrationInterface;

/** A test file's own database and its own Kafka names, so files can run in parallel. */
export interface TestContext {
  readonly id: string;
  readonly databaseUrl: string;
  readonly kafkaBrokers: string[];
  /** Prefix for every topic this test file creates. */
  readonly topicPrefix: string;
  /** Prefix for every consumer group this test file uses. */
  readonly groupPrefix: string;
  /** Opens (and migrates) a DataSource on this test's database, or on a sibling database named `suffix`. */
  openDatabase(migrations: MigrationClass[], suffix?: string): Promise<DataSource>;
  /** A sibling database URL (another service's own database), created on first use. */
  databaseUrlFor(suffix: string): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Housekeeping, not part of what a spec asserts: a broker that outlives many
 * runs would otherwise carry every run's topics, and one with tens of
 * thousands of partitions takes minutes to start. Left to the next fresh
 * start when the broker is not there (a spec that failed mid-outage).
 */
const dropTopics = async (brokers: readonly string[], prefix: string): Promise<void> => {
  try {
    await new KafkaProbe(brokers, { quick: true }).deleteTopicsStartingWith(prefix);
  } catch (error) {
    process.stderr.write(`test context: topics ${prefix}* left on the broker (${(error as Error).message})\n`);
  }
};

export const createTestContext = async (label: string): Promise<TestContext> => {
  const infrastructure = testInfrastructure();
  const id = newTestContextId(label);
  const databases: string[] = [];
  const dataSources: DataSource[] = [];

  const databaseUrlFor = async (suffix: string): Promise<string> => {
    const name = testDatabaseName(id, suffix);
    if (!databases.includes(name)) {
      await adminQuery(infrastructure.databaseUrl, `CREATE DATABASE "${name}"`);
      databases.push(name);
    }
    return withDatabase(infrastructure.databaseUrl, name);
  };
  const databaseUrl = await databaseUrlFor('');
  const prefix = `t.${id}.`;

  return {
    id,
    databaseUrl,
    kafkaBrokers: [...infrastructure.kafkaBrokers],
    topicPrefix: prefix,
    groupPrefix: prefix,
    databaseUrlFor,
    async openDatabase(migrations, suffix = '') {
      const dataSource = new DataSource(postgresDataSourceOptions({ url: await databaseUrlFor(suffix), migrations }));
      await dataSource.initialize();
      dataSources.push(dataSource);
      return dataSource;
    },
    async dispose() {
      await Promise.all(dataSources.map((d) => d.isInitialized && d.destroy()));
      for (const name of databases) await adminQuery(infrastructure.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropTopics(infrastructure.kafkaBrokers, prefix);
    },
  };
};
