import { Client } from 'pg';

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/**
 * Creates the database named by `url` if it does not exist, connecting to the
 * `postgres` database on the same server to do so. Safe when another process
 * creates it at the same time.
 */
export async function ensureDatabase(url: string): Promise<void> {
  if (await canConnect(url)) return;
  const database = databaseNameOf(url);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  } catch (error) {
    if (!hasCode(error, DUPLICATE_DATABASE, UNIQUE_VIOLATION)) throw error;
  } finally {
    await admin.end();
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (hasCode(error, INVALID_CATALOG_NAME)) return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** postgres://user@host:port/db with the password hidden, for messages. */
export function describeDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function hasCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as { code?: string }).code ?? '');
}
