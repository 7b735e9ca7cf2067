import type { StartedTestContainer } from 'testcontainers';

// Kept for the teardown, which Jest runs in the same process as the setup.
const started: StartedTestContainer[] = [];

export const dockerIsReachable = async (): Promise<boolean> => {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
};

/** Starts Postgres 16 and a KRaft Kafka broker for the whole run. */
export const startContainers = async (): Promise<{ databaseUrl: string; kafkaBrokers: string[]; kafkaContainerId: string }> => {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const [postgres, kafka] = await Promise.all([
    new PostgreSqlContainer('postgres:16-alpine').withUsername('postgres').withPassword('postgres').start(),
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
  ]);
  started.push(postgres, kafka);
  return {
    kafkaContainerId: kafka.getId(),
    databaseUrl: postgres.getConnectionUri(),
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
  };
};

export const stopContainers = async (): Promise<void> => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
};
