import { Inject, Injectable } from '@nestjs/common';
import { BlobDataClient, type ApplyOutcome, type CopyRoute, type Snapshot } from '../blob-data/blob-data.client';
import { containerStreamId } from '../changes/stream-ref';
import { ReplicationMetrics } from '../metrics/replication-metrics';

/** Snapshots taken for one stream before giving up for now (it keeps changing faster than it copies). */
const MAX_SNAPSHOTS = 5;
/** Extents of one blob copied at once. */
const EXTENTS_AT_ONCE = 4;

/** A stream's version now held by the secondary, and whether this copy changed the secondary (or found it there). */
export interface StreamApplied {
  readonly streamId: string;
  readonly version: number;
  readonly changed: boolean;
}

/**
 * Copies one stream (docs/adr/0007, "The unit of replication"): takes the
 * primary's snapshot, applies it to the secondary, copies the extents the
 * secondary asks for (byte for byte) or its container first, and applies
 * again; a snapshot overtaken by a newer change (an extent gone) is
 * replaced by a new one. Returns every stream it brought over: the one
 * asked for, and the container when the blob needed it.
 */
@Injectable()
export class StreamCopier {
  constructor(
    @Inject(BlobDataClient) private readonly client: BlobDataClient,
    @Inject(ReplicationMetrics) private readonly metrics: ReplicationMetrics,
  ) {}

  async copy(route: CopyRoute, streamId: string): Promise<StreamApplied[]> {
    const brought: StreamApplied[] = [];
    for (let round = 0; round < MAX_SNAPSHOTS; round++) {
      const snapshot = await this.client.snapshot(route);
      const applied = await this.applyWithDependencies(route, snapshot, brought);
      if (applied !== undefined) return [{ streamId, ...applied }, ...brought];
    }
    throw new Error(`${streamId} changed ${MAX_SNAPSHOTS} times while being copied; trying again later`);
  }

  /** The version applied, or undefined when the snapshot is stale (take a newer one). */
  private async applyWithDependencies(route: CopyRoute, snapshot: Snapshot, brought: StreamApplied[]): Promise<Omit<StreamApplied, 'streamId'> | undefined> {
    if (snapshot.missingExtents?.length && !(await this.copyExtents(route, snapshot.missingExtents))) return undefined;
    for (;;) {
      const outcome: ApplyOutcome = await this.client.apply(route, snapshot);
      switch (outcome.outcome) {
        case 'applied':
          this.metrics.recordApplied();
          return { version: outcome.version, changed: true };
        case 'already-applied':
          return { version: outcome.version, changed: false };
        case 'missing-extents':
          if (!(await this.copyExtents(route, outcome.missing))) return undefined;
          break;
        case 'container-mismatch':
          // The secondary's container is older than the blob's: bring it over first. Newer: the blob's snapshot is stale.
          if (outcome.containerVersion >= (snapshot.containerVersion ?? 0)) return undefined;
          brought.push(...(await this.copy({ ...route, blob: undefined }, containerStreamId(route.account, route.container))));
          break;
        case 'not-a-secondary':
          throw new Error(`${route.secondaryRegion} is no longer the secondary of ${route.account}: not copied`);
      }
    }
  }

  /** False when one of them is gone from the primary (the blob changed meanwhile). */
  private async copyExtents(route: CopyRoute, ids: readonly string[]): Promise<boolean> {
    let complete = true;
    for (let at = 0; at < ids.length && complete; at += EXTENTS_AT_ONCE) {
      const copied = await Promise.all(ids.slice(at, at + EXTENTS_AT_ONCE).map((id) => this.client.copyExtent(route, id)));
      for (const bytes of copied) {
        if (bytes === undefined) complete = false;
        else this.metrics.recordExtentCopied(bytes);
      }
    }
    return complete;
  }
}
