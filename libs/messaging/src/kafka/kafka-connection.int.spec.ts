import { Kafka, logLevel } from 'kafkajs';
import { createTestContext, type TestContext } from '@atrest/testing';
import { KafkaConnection } from './kafka-connection';
import type { MessagingLogger } from './messaging-logger';

// Services starting together create the same topics: the ones that lose the
// race must neither fail nor log an error (an operator reads ERROR as
// something to fix), while a creation that really fails still surfaces.

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext('kafka-connection');
});
afterAll(() => ctx.dispose());

const recording = () => {
  const lines: Array<{ level: string; message: string }> = [];
  const logger: MessagingLogger = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
  return { lines, logger };
};

it('several connections creating the same topics at once: all get them, with leaders, and none logs an error', async () => {
  const { lines, logger } = recording();
  const topics = Array.from({ length: 4 }, (_, i) => `race-${i}`);
  const connections = Array.from({ length: 6 }, (_, i) => new KafkaConnection({ brokers: ctx.kafkaBrokers, clientId: `race-${i}`, topicPrefix: ctx.topicPrefix, partitions: 1 }, logger));
  await Promise.all(connections.map((connection) => connection.ensureTopics(topics)));

  const admin = new Kafka({ clientId: 'race-check', brokers: ctx.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    expect(topics.flatMap((t) => [`${ctx.topicPrefix}${t}`, `${ctx.topicPrefix}${t}.dlq`]).filter((t) => !existing.has(t))).toEqual([]);
  } finally {
    await admin.disconnect();
  }
  expect(lines.filter((line) => line.level === 'error')).toEqual([]);
});

it('a creation that fails (a name Kafka refuses) still fails, saying why', async () => {
  const { logger } = recording();
  const connection = new KafkaConnection({ brokers: ctx.kafkaBrokers, clientId: 'bad-topic', topicPrefix: ctx.topicPrefix, partitions: 1 }, logger);
  await expect(connection.ensureTopics(['bad name'], 1)).rejects.toThrow(
    `could not create topics: ${ctx.topicPrefix}bad name: The request attempted to perform an operation on an invalid topic`,
  );
});
