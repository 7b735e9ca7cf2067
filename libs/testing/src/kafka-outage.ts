import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { testInfrastructure } from './infrastructure/test-infrastructure';

const run = promisify(execFile);
const kafkaScript = resolve(__dirname, '../../../infra/kafka/kafka.sh');

/**
 * Takes the broker away for `downMs` and brings it back: the local broker is
 * stopped and started with the project's script; a Testcontainers broker is
 * paused and unpaused (its mapped port must not change).
 */
export const withKafkaOutage = async (downMs: number, whileDown?: () => Promise<void>): Promise<void> => {
  const { mode } = testInfrastructure();
  const containerId = process.env.TEST_KAFKA_CONTAINER_ID;
  if (mode === 'testcontainers' && containerId) {
    await run('docker', ['pause', containerId]);
    try {
      await Promise.all([whileDown?.(), new Promise((r) => setTimeout(r, downMs))]);
    } finally {
      await run('docker', ['unpause', containerId]);
    }
    return;
  }
  await run('bash', [kafkaScript, 'stop'], { timeout: 60_000 });
  try {
    await Promise.all([whileDown?.(), new Promise((r) => setTimeout(r, downMs))]);
  } finally {
    await run('bash', [kafkaScript, 'start'], { timeout: 120_000 });
  }
};
