import { fromEnvironment } from '../infrastructure/test-infrastructure';
import { dockerIsReachable, startContainers } from '../infrastructure/containers';
import { dropAbandonedTestDatabases } from '../test-databases';

/** Runs once per Jest run: picks the harness mode and says which one ran. */
export default async function globalSetup(): Promise<void> {
  const external = fromEnvironment();
  if (external) {
    process.stdout.write(
      `\nintegration harness: external services (TEST_DATABASE_URL=${redact(external.databaseUrl)}, TEST_KAFKA_BROKERS=${external.kafkaBrokers.join(',')})\n`,
    );
    await sweepAbandonedDatabases(external.databaseUrl);
    return;
  }
  if (!(await dockerIsReachable())) {
    process.stdout.write(
      '\nintegration harness: no TEST_DATABASE_URL/TEST_KAFKA_BROKERS and no Docker engine; integration specs will fail (run `npm test`)\n',
    );
    return;
  }
  const started = await startContainers();
  process.env.TEST_DATABASE_URL = started.databaseUrl;
  process.env.TEST_KAFKA_BROKERS = started.kafkaBrokers.join(',');
  process.env.TEST_HARNESS_MODE = 'testcontainers';
  process.env.TEST_KAFKA_CONTAINER_ID = started.kafkaContainerId;
  process.stdout.write(`\nintegration harness: testcontainers (${started.databaseUrl}, ${started.kafkaBrokers.join(',')})\n`);
}

/** The server outlives runs: what runs that died left behind goes now (never what a run of today may be using). */
const sweepAbandonedDatabases = async (databaseUrl: string): Promise<void> => {
  try {
    const dropped = await dropAbandonedTestDatabases(databaseUrl);
    if (dropped.length > 0) process.stdout.write(`integration harness: dropped ${dropped.length} test databases earlier runs left behind\n`);
  } catch (error) {
    process.stdout.write(`integration harness: could not sweep old test databases (${(error as Error).message})\n`);
  }
};

const redact = (url: string): string => url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
