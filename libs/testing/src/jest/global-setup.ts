import { fromEnvironment } from '../infrastructure/test-infrastructure';
import { dockerIsReachable, startContainers } from '../infrastructure/containers';

/** Runs once per Jest run: picks the harness mode and says which one ran. */
export default async function globalSetup(): Promise<void> {
  const external = fromEnvironment();
  if (external) {
    process.stdout.write(
      `\nintegration harness: external services (TEST_DATABASE_URL=${redact(external.databaseUrl)}, TEST_KAFKA_BROKERS=${external.kafkaBrokers.join(',')})\n`,
    );
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

const redact = (url: string): string => url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
