import { createTestContext, testDatabaseName, TestContext, withDatabase } from '@atrest/testing';
import { INestApplication, Module } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceApp } from '../bootstrap/create-service-app';
import { provideReadinessCheckValue } from '../health/provide-readiness-check';
import { DatabaseModule } from './database.module';
import { ensureDatabase } from './ensure-database';

class CreateWidgets1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE widget (id int PRIMARY KEY)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE widget');
  }
}

let context: TestContext;
const created: string[] = [];

function freshDatabaseUrl(suffix: string): string {
  const name = testDatabaseName(context.id, suffix);
  created.push(name);
  return withDatabase(context.databaseUrl, name);
}

async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const admin = new Client({ connectionString: context.databaseUrl });
  await admin.connect();
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

async function start(module: Parameters<typeof createServiceApp>[0]['createModule']): Promise<{ app: INestApplication; base: string }> {
  const app = await createServiceApp({ name: 'platform-spec', config: { LOG_LEVEL: 'silent' }, createModule: module });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, base: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  context = await createTestContext('platform-database');
});

afterAll(async () => {
  const admin = new Client({ connectionString: context.databaseUrl });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await context.dispose();
});

describe('ensureDatabase', () => {
  it('creates a missing database, also when several processes race to do it', async () => {
    const url = freshDatabaseUrl('race');
    await Promise.all([1, 2, 3, 4].map(() => ensureDatabase(url)));
    expect(await databaseExists(url)).toBe(true);
    await ensureDatabase(url);
  });
});

describe('DatabaseModule', () => {
  it('creates and migrates the database, reports it ready, and closes it on shutdown', async () => {
    const url = freshDatabaseUrl('module');
    const { app, base } = await start(() => DatabaseModule.forRoot({ url, migrations: [CreateWidgets1700000000000] }));
    const dataSource = app.get(DataSource);

    await expect(dataSource.query('SELECT count(*)::int AS n FROM widget')).resolves.toEqual([{ n: 0 }]);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    await expect(ready.json()).resolves.toEqual({ status: 'ready', checks: { database: { status: 'up' } } });

    await app.close();
    expect(dataSource.isInitialized).toBe(false);
  });
});

describe('GET /health and /ready', () => {
  it('answers 503 naming the failing check, while /health stays 200', async () => {
    @Module({
      providers: [
        provideReadinessCheckValue({ name: 'kafka', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')) }),
        provideReadinessCheckValue({ name: 'other', check: () => Promise.resolve() }),
      ],
    })
    class FlakyModule {}
    const { app, base } = await start(() => FlakyModule);
    try {
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      await expect(health.json()).resolves.toEqual({ status: 'ok' });

      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
      await expect(ready.json()).resolves.toEqual({
        status: 'not ready',
        checks: { kafka: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:9' }, other: { status: 'up' } },
      });
    } finally {
      await app.close();
    }
  });
});
