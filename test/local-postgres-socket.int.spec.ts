import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { testInfrastructure } from '@atrest/testing';

type Env = Record<string, string | undefined>;
interface Runner {
  localPostgresSocket(env?: Env, dirs?: string[]): Promise<string | undefined>;
  postgresUrlOf(database: string, env?: Env): string;
}

/**
 * npm start's choice of how to reach Postgres (scripts/run-system.js): the
 * local server's Unix socket when it lets PGUSER in there, else TCP. The
 * "local server" here is a Unix socket in a temporary folder that forwards
 * to the test Postgres, so the spec means the same wherever that runs.
 */
describe('scripts/run-system.js: Postgres on its Unix socket', () => {
  const folder = mkdtempSync(join(tmpdir(), 'atrest-pg-socket-'));
  const { hostname, port } = new URL(testInfrastructure().databaseUrl);
  let runner: Runner;
  let forwarder: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    runner = await import(resolve(__dirname, '../scripts/run-system.js'));
    forwarder = createServer((local) => {
      const upstream = connect(Number(port || 5432), hostname);
      // Either side closing closes the other: no half-open pair keeps close() waiting.
      for (const [socket, other] of [
        [local, upstream],
        [upstream, local],
      ]) {
        sockets.add(socket);
        socket.on('error', () => socket.destroy());
        socket.on('close', () => {
          sockets.delete(socket);
          other.destroy();
        });
      }
      local.pipe(upstream).pipe(local);
    });
    mkdirSync(join(folder, 'live'));
    await new Promise<void>((done) => forwarder.listen(join(folder, 'live', '.s.PGSQL.5432'), done));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => forwarder.close(done));
    rmSync(folder, { recursive: true, force: true });
  });

  it('picks the first folder whose socket answers and lets PGUSER in, and that URL reaches the server', async () => {
    const dir = await runner.localPostgresSocket({}, [join(folder, 'none'), join(folder, 'live')]);
    expect(dir).toBe(join(folder, 'live'));
    const client = new Client({ connectionString: runner.postgresUrlOf('postgres', { PGHOST: dir }) });
    await client.connect();
    try {
      expect((await client.query<{ db: string }>('SELECT current_database() AS db')).rows).toEqual([{ db: 'postgres' }]);
    } finally {
      await client.end();
    }
  });

  it('keeps TCP when a socket file is no server, when the server refuses PGUSER, or when DATABASE_URL or PGHOST is set', async () => {
    writeFileSync(join(folder, '.s.PGSQL.5432'), '');
    expect(await runner.localPostgresSocket({}, [folder])).toBeUndefined();
    expect(await runner.localPostgresSocket({ PGUSER: 'no_such_role_here' }, [join(folder, 'live')])).toBeUndefined();
    expect(await runner.localPostgresSocket({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' }, [join(folder, 'live')])).toBeUndefined();
    expect(await runner.localPostgresSocket({ PGHOST: '127.0.0.1' }, [join(folder, 'live')])).toBeUndefined();
  });
});
