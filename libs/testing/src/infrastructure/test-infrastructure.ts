/**
 * Where integration tests find Postgres and Kafka. Two modes:
 * - external: TEST_DATABASE_URL and TEST_KAFKA_BROKERS name running services (local scripts, CI);
 * - testcontainers: a reachable Docker engine starts both for the run.
 */
export type HarnessMode = 'external' | 'testcontainers';

export interface TestInfrastructure {
  readonly mode: HarnessMode;
  readonly databaseUrl: string;
  readonly kafkaBrokers: readonly string[];
}

export const fromEnvironment = (env: NodeJS.ProcessEnv = process.env): TestInfrastructure | undefined => {
  const databaseUrl = env.TEST_DATABASE_URL;
  const brokers = env.TEST_KAFKA_BROKERS;
  if (!databaseUrl || !brokers) return undefined;
  return {
    mode: (env.TEST_HARNESS_MODE as HarnessMode | undefined) ?? 'external',
    databaseUrl,
    kafkaBrokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
  };
};

/** The infrastructure global setup prepared; fails with what to do when there is none. */
export const testInfrastructure = (): TestInfrastructure => {
  const infrastructure = fromEnvironment();
  if (!infrastructure)
    throw new Error(
      'integration tests need Postgres and Kafka: run `npm test` (starts local ones), ' +
        'set TEST_DATABASE_URL and TEST_KAFKA_BROKERS, or make a Docker engine reachable for Testcontainers',
    );
  return infrastructure;
};
