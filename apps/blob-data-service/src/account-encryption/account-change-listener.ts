import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { backoffDelay } from '@atrest/messaging';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { BlobDataServiceConfig } from '../config';
import { AccountCache } from './account-cache';
import { ACCOUNT_CHANGED_CHANNEL } from './migrations/1765200000500-notify-account-changes';

/** Pauses between attempts to listen again: 100 ms, doubling up to 10 s. */
const retryDelay = (failures: number) => backoffDelay(failures, 100, 10_000);

/** How the listener's connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'blob-data-service account-change-listener';

/**
 * One connection of its own (not the pool's) that LISTENs for the account
 * changes the tables' triggers announce at commit and evicts each from the
 * AccountCache. The cache is open only while LISTEN stands: when the
 * connection fails the cache closes (lookups read the table) and a new one is
 * tried after a growing pause.
 */
@Injectable()
export class AccountChangeListener implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(AccountChangeListener.name);
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private failures = 0;
  private stopped = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BlobDataServiceConfig,
    @Inject(AccountCache) private readonly cache: AccountCache,
  ) {}

  /** Waits for the first LISTEN (or its failure, then retried) so that the cache works from the first request. */
  onModuleInit(): Promise<void> {
    return this.listen();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.cache.close();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: LISTENER_APPLICATION_NAME, keepAlive: true });
    this.client = client;
    client.on('notification', ({ payload }) => this.cache.evict(payload!));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCOUNT_CHANGED_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    this.failures = 0;
    this.cache.open();
  }

  /** The first sign of a failed connection closes the cache and schedules the next; later ones (and shutdown's) are ignored. */
  private lost(client: Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.cache.close();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const retryInMs = retryDelay(++this.failures);
    this.logger.warn({ msg: 'account change listener lost: account lookups uncached until it listens again', retryInMs, err: String(error) });
    this.retry = setTimeout(() => void this.listen(), retryInMs);
  }
}
