import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { createTestContext } from './test-context';

const databaseExists = async (adminUrl: string, name: string): Promise<boolean> => {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
};

describe('TestContext.dispose', () => {
  it('drops the databases and deletes the topics the spec file made, and nothing of another context', async () => {
    const ctx = await createTestContext('dispose');
    const other = await createTestContext('dispose other');
    const admin = new Kafka({ brokers: ctx.kafkaBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const mine = [`${ctx.topicPrefix}events`, `${ctx.topicPrefix}events.dlq`];
      const theirs = `${other.topicPrefix}events`;
      await admin.createTopics({ topics: [...mine, theirs].map((topic) => ({ topic, numPartitions: 1 })) });
      const sibling = await ctx.databaseUrlFor('sibling');
      const names = [new URL(ctx.databaseUrl).pathname.slice(1), new URL(sibling).pathname.slice(1)];

      await ctx.dispose();

      const adminUrl = process.env.TEST_DATABASE_URL!;
      for (const name of names) expect(await databaseExists(adminUrl, name)).toBe(false);
      const left = await admin.listTopics();
      expect(left.filter((t) => t.startsWith(ctx.topicPrefix))).toEqual([]);
      expect(left).toContain(theirs);
    } finally {
      await admin.disconnect();
      await other.dispose();
    }
  });
});
