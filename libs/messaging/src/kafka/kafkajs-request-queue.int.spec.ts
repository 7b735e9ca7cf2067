import { Kafka, logLevel } from 'kafkajs';
import { createTestContext, type TestContext } from '@atrest/testing';

// patches/kafkajs+2.2.4.patch (kafkajs#1556): an idle connection must not
// keep a timer loop running. Unpatched, KafkaJS 2.2.4 re-armed its pending-
// request check every millisecond on every connection that had sent a
// request, busy or idle. Counted against the real broker: the checks a
// producer's connections schedule in a quiet second after a send.

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext('kafkajs-request-queue');
});
afterAll(() => ctx.dispose());

it('a connected producer schedules no pending-request checks while idle, and still delivers', async () => {
  const kafka = new Kafka({ clientId: 'request-queue-spec', brokers: ctx.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const topic = `${ctx.topicPrefix}request-queue`;
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await producer.connect();
  const timers = jest.spyOn(global, 'setTimeout');
  try {
    await producer.send({ topic, acks: -1, messages: [{ value: 'one' }] });
    timers.mockClear();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const checks = timers.mock.calls.filter(([callback]) => String(callback).includes('checkPendingRequests'));
    expect(checks).toHaveLength(0);
    await producer.send({ topic, acks: -1, messages: [{ value: 'two' }] });
    const [{ high }] = await admin.fetchTopicOffsets(topic);
    expect(high).toBe('2');
  } finally {
    timers.mockRestore();
    await producer.disconnect();
    await admin.disconnect();
  }
});
