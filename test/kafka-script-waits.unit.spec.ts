import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@atrest/testing';

const run = promisify(execFile);
const script = resolve(__dirname, '../infra/kafka/kafka.sh');
const fakeJdk = resolve(__dirname, 'fixtures/fake-kafka-jdk');
const kafkaVersion = /<kafka.version>([^<]+)</.exec(readFileSync(resolve(__dirname, '../infra/kafka/pom.xml'), 'utf8'))![1];

interface FakeBroker {
  readonly loadMs?: number;
  readonly stopMs?: number;
  readonly logEveryMs?: number;
}

/**
 * kafka.sh's waits, against a fake JDK (test/fixtures/fake-kafka-jdk) whose
 * "broker" takes as long as it is told to load and to stop, logging or not:
 * start and stop wait as long as the broker's log grows, and give up when it
 * stalls for KAFKA_START_TIMEOUT / KAFKA_STOP_TIMEOUT or at the caps.
 */
describe('infra/kafka/kafka.sh waits while the broker makes progress', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;

  const kafkaSh = async (command: 'start' | 'stop', broker: FakeBroker, settings: Record<string, string> = {}) => {
    const started = Date.now();
    try {
      const { stdout } = await run('bash', [script, command], { env: { ...env, ...settings, FAKE_KAFKA: JSON.stringify(broker) }, timeout: 30_000 });
      return { code: 0, output: stdout, seconds: (Date.now() - started) / 1000 };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr, seconds: (Date.now() - started) / 1000 };
    }
  };

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), 'atrest-kafka-waits-'));
    // Jars marked resolved, so no Maven: the fake JDK needs none.
    mkdirSync(join(home, 'kafka', 'libs'), { recursive: true });
    writeFileSync(join(home, 'kafka', 'libs', `.complete-${kafkaVersion}`), '');
    const port = await freePort();
    env = { ...process.env, ATREST_HOME: home, JAVA_HOME: fakeJdk, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(await freePort()) };
    delete env.KAFKA_SCRATCH;
  });

  afterEach(async () => {
    await kafkaSh('stop', {}, { KAFKA_STOP_TIMEOUT: '1' });
    rmSync(home, { recursive: true, force: true });
  });

  it('start waits past KAFKA_START_TIMEOUT for a broker that keeps logging while it loads', async () => {
    const started = await kafkaSh('start', { loadMs: 4_000 }, { KAFKA_START_TIMEOUT: '2' });

    expect(started).toMatchObject({ code: 0, output: expect.stringContaining('running on 127.0.0.1:') });
    expect(started.seconds).toBeGreaterThanOrEqual(4);
  });

  it('start gives up on a broker that logs nothing for KAFKA_START_TIMEOUT, leaving it for stop', async () => {
    const started = await kafkaSh('start', { loadMs: 60_000, logEveryMs: 0 }, { KAFKA_START_TIMEOUT: '2' });

    expect(started).toMatchObject({ code: 1, output: expect.stringContaining('no progress for 2s') });
    expect(started.output).toContain('the broker process is still there');
    expect(started.seconds).toBeLessThan(10);
    expect((await kafkaSh('stop', {})).output).toContain('Kafka stopped');
  });

  it('start gives up at KAFKA_START_MAX even while the broker logs', async () => {
    const started = await kafkaSh('start', { loadMs: 60_000 }, { KAFKA_START_TIMEOUT: '2', KAFKA_START_MAX: '3' });

    expect(started).toMatchObject({ code: 1, output: expect.stringContaining('3s in all') });
    expect(started.seconds).toBeLessThan(10);
  });

  it('stop waits past KAFKA_STOP_TIMEOUT for a broker that logs while it shuts down, without killing it', async () => {
    await kafkaSh('start', { stopMs: 3_000 });

    // kafka.sh counts whole seconds (bash's SECONDS): a timeout of 1 may end after any part of one.
    const stopped = await kafkaSh('stop', {}, { KAFKA_STOP_TIMEOUT: '2' });

    expect(stopped).toMatchObject({ code: 0, output: expect.stringContaining('Kafka stopped') });
    expect(stopped.output).not.toContain('killing');
    expect(stopped.seconds).toBeGreaterThanOrEqual(3);
  });

  it('stop kills a broker that stops logging for KAFKA_STOP_TIMEOUT', async () => {
    await kafkaSh('start', { stopMs: 60_000, logEveryMs: 0 });

    const stopped = await kafkaSh('stop', {}, { KAFKA_STOP_TIMEOUT: '1' });

    expect(stopped).toMatchObject({ code: 0, output: expect.stringContaining('killing it') });
    expect(stopped.output).toContain('Kafka stopped');
    expect(stopped.seconds).toBeLessThan(10);
    expect((await kafkaSh('start', {}, {})).output).toContain('running on'); // the pid file went with it
  });
});
