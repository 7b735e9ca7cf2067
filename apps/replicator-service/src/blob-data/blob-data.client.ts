import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { ReplicatorServiceConfig } from '../config';

// The replicator's only way to the region stores: blob-data-service's
// internal replication API (docs/adr/0007). Stored bytes and row state pass
// through; there is no key on either side of this client.

/** Where one stream's copy goes: the account's incarnation and its two regions. */
export interface CopyRoute {
  readonly account: string;
  readonly incarnation: number;
  readonly container: string;
  readonly blob?: string;
  readonly primaryRegion: string;
  readonly secondaryRegion: string;
}

/**
 * A snapshot document, passed from one store to the other without being
 * read (the rows inside are opaque here); a blob's names the extents the
 * secondary lacked when it was taken.
 */
export type Snapshot = Record<string, unknown> & { readonly version: number; readonly containerVersion?: number; readonly missingExtents?: string[] };

export type ApplyOutcome =
  | { readonly outcome: 'applied' | 'already-applied'; readonly version: number }
  | { readonly outcome: 'missing-extents'; readonly missing: string[] }
  | { readonly outcome: 'container-mismatch'; readonly containerVersion: number }
  /** The target store is not the account's secondary copy (any more): a failover made it the primary. */
  | { readonly outcome: 'not-a-secondary' };

export interface SyncState {
  readonly checkedAt: string;
  readonly streams: number;
  readonly behind: ReadonlyArray<{ readonly streamId: string; readonly primaryVersion: number; readonly secondaryVersion: number }>;
  readonly truncated: boolean;
}

/** blob-data-service answered something else than expected (or not at all). */
export class BlobDataCallFailed extends Error {
  constructor(
    readonly what: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(`${what}: ${status === undefined ? 'no answer' : `${status}${code ? ` ${code}` : ''}`}`);
    this.name = 'BlobDataCallFailed';
  }
}

@Injectable()
export class BlobDataClient {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(@Inject(SERVICE_CONFIG) config: ReplicatorServiceConfig) {
    this.base = config.BLOB_DATA_SERVICE_URL.replace(/\/$/, '');
    this.timeoutMs = config.BLOB_DATA_TIMEOUT_MS;
  }

  snapshot(route: CopyRoute): Promise<Snapshot> {
    const missingIn = route.blob === undefined ? '' : `&missingIn=${route.secondaryRegion}`;
    return this.json('GET', `/internal/replication/regions/${route.primaryRegion}/${kindOf(route)}?${addressOf(route)}${missingIn}`);
  }

  apply(route: CopyRoute, snapshot: Snapshot): Promise<ApplyOutcome> {
    return this.json('PUT', `/internal/replication/regions/${route.secondaryRegion}/${kindOf(route)}?${addressOf(route)}`, snapshot);
  }

  /**
   * Copies one extent's stored bytes (ciphertext when encrypted) from the
   * primary's store to the secondary's with the headers that describe them.
   * The byte count, or undefined when the primary no longer has it (the blob
   * changed meanwhile: a newer snapshot exists).
   */
  async copyExtent(route: CopyRoute, extentId: string): Promise<number | undefined> {
    const what = `extent ${extentId} of ${route.account}`;
    const source = await this.fetch(what, `/internal/regions/${route.primaryRegion}/extents/${extentId}`, { method: 'GET' });
    if (source.status === 404) return undefined;
    if (source.status !== 200) throw new BlobDataCallFailed(`read ${what}`, source.status, source.headers.get('x-ms-error-code') ?? undefined);
    const bytes = Buffer.from(await source.arrayBuffer());
    const headers = Object.fromEntries([...source.headers].filter(([name]) => name.startsWith('x-atrest-extent-')));
    const put = await this.fetch(what, `/internal/replication/regions/${route.secondaryRegion}/extents/${extentId}`, { method: 'PUT', headers, body: bytes });
    if (put.status !== 200 && put.status !== 201) throw new BlobDataCallFailed(`write ${what}`, put.status, put.headers.get('x-ms-error-code') ?? undefined);
    return bytes.length;
  }

  syncState(account: string, primaryRegion: string, secondaryRegion: string): Promise<SyncState> {
    return this.json('GET', `/internal/replication/accounts/${account}/sync-state?primary=${primaryRegion}&secondary=${secondaryRegion}`);
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await this.fetch(`${method} ${path.split('?')[0]}`, path, init);
    if (response.status !== 200) throw new BlobDataCallFailed(`${method} ${path.split('?')[0]}`, response.status, response.headers.get('x-ms-error-code') ?? undefined);
    return (await response.json()) as T;
  }

  private async fetch(what: string, path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.base}${path}`, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new BlobDataCallFailed(`${what} (${(error as Error).message})`);
    }
  }
}

const kindOf = (route: CopyRoute) => (route.blob === undefined ? 'container' : 'blob');

const addressOf = (route: CopyRoute) =>
  new URLSearchParams({
    account: route.account,
    incarnation: String(route.incarnation),
    container: route.container,
    ...(route.blob === undefined ? {} : { blob: route.blob }),
  }).toString();
