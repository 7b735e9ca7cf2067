import { ReadinessCheck } from './readiness-check';
import { ReadinessRegistry } from './readiness.registry';

const passing = (name: string): ReadinessCheck => ({ name, check: async () => undefined });
const failing = (name: string, error: unknown): ReadinessCheck => ({ name, check: async () => Promise.reject(error) });

describe('ReadinessRegistry', () => {
  it('is ready with no checks', async () => {
    await expect(new ReadinessRegistry().run()).resolves.toEqual({ status: 'ready', checks: {} });
  });

  it('is ready when every check passes', async () => {
    const registry = new ReadinessRegistry();
    registry.register(passing('database'));
    registry.register(passing('kafka'));
    await expect(registry.run()).resolves.toEqual({
      status: 'ready',
      checks: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('is not ready when one check fails, and says which and why in one line', async () => {
    const registry = new ReadinessRegistry();
    registry.register(passing('database'));
    registry.register(failing('kafka', new Error('connect ECONNREFUSED 127.0.0.1:9092\n    at TCPConnectWrap')));
    await expect(registry.run()).resolves.toEqual({
      status: 'not ready',
      checks: { database: { status: 'up' }, kafka: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:9092' } },
    });
  });

  it('counts a check that throws synchronously as down', async () => {
    const registry = new ReadinessRegistry();
    registry.register({
      name: 'database',
      check: () => {
        throw new Error('not connected');
      },
    });
    await expect(registry.run()).resolves.toMatchObject({ checks: { database: { status: 'down', error: 'not connected' } } });
  });

  it('reports an error without a message by its code or inner error', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    const registry = new ReadinessRegistry();
    registry.register(failing('coded', Object.assign(new Error(''), { code: 'ECONNRESET' })));
    registry.register(failing('aggregate', new AggregateError([refused], '')));
    registry.register(failing('string', 'nope'));
    const report = await registry.run();
    expect(report.checks).toEqual({
      coded: { status: 'down', error: 'ECONNRESET' },
      aggregate: { status: 'down', error: 'connect ECONNREFUSED ::1:5432' },
      string: { status: 'down', error: 'nope' },
    });
  });

  it('fails a check that does not answer within the timeout', async () => {
    const registry = new ReadinessRegistry(20);
    registry.register({ name: 'slow', check: () => new Promise(() => undefined) });
    await expect(registry.run()).resolves.toEqual({
      status: 'not ready',
      checks: { slow: { status: 'down', error: 'timed out after 20ms' } },
    });
  });

  it('refuses two checks with the same name', () => {
    const registry = new ReadinessRegistry();
    registry.register(passing('database'));
    expect(() => registry.register(passing('database'))).toThrow('readiness check "database" is registered twice');
  });
});
