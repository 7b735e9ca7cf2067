import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '@atrest/testing';

const run = promisify(execFile);
const script = resolve(__dirname, '../infra/kafka/kafka.sh');

/**
 * infra/kafka/kafka.sh on a broker of its own (own ATREST_HOME and ports, the
 * jars shared by symlink): what `npm test` relies on to start from empty data
 * and what the system relies on to keep its topics.
 */
describe('infra/kafka/kafka.sh', () => {
  const home = mkdtempSync(join(tmpdir(), 'atrest-kafka-script-'));
  let env: NodeJS.ProcessEnv;
  let brokers: string[];

  const kafkaSh = async (...args: string[]): Promise<string> =>
    (await run('bash', [script, ...args], { env, timeout: 180_000 })).stdout;

  const topics = async (): Promise<string[]> => {
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      return (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    const sharedLibs = join(process.env.ATREST_HOME ?? join(homedir(), '.cache', 'atrest'), 'kafka', 'libs');
    mkdirSync(join(home, 'kafka'), { recursive: true });
    if (existsSync(sharedLibs)) symlinkSync(sharedLibs, join(home, 'kafka', 'libs'));
    const [port, controllerPort] = [await freePort(), await freePort()];
    brokers = [`127.0.0.1:${port}`];
    env = { ...process.env, ATREST_HOME: home, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort) };
    delete env.KAFKA_SCRATCH;
  });

  afterAll(async () => {
    await kafkaSh('stop');
    rmSync(home, { recursive: true, force: true });
  });

  it('keeps topics across a restart, leaves a running broker alone on --fresh, and starts empty with --fresh after a stop', async () => {
    expect(await kafkaSh('start', '--fresh')).toContain(`running on ${brokers[0]}`);
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 1 }] });
    await admin.disconnect();

    expect(await kafkaSh('start', '--fresh')).toContain('already running');
    expect(await topics()).toEqual(['kept']);

    await kafkaSh('stop');
    await kafkaSh('start');
    expect(await topics()).toEqual(['kept']);

    await kafkaSh('stop');
    expect(await kafkaSh('start', '--fresh')).toContain('starting with empty data');
    expect(await topics()).toEqual([]);
  }, 240_000);

  it('refuses an unknown start option with its usage line', async () => {
    await expect(kafkaSh('start', '--wipe')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('start [--fresh]') });
  });
});
