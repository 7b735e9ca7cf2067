import { pairedRegion } from '@atrest/contracts';
import type { DataPlaneAccount } from '../../account-encryption/data-plane-account';
import { containerGenerationOf, type BlobSnapshot, type ContainerSnapshot } from './snapshots';

/**
 * Refused: the store is not (or no longer) where this incarnation of the
 * account keeps its secondary copy: after a failover it is the primary, and
 * a late copy from the old primary must not overwrite what it now serves.
 */
export type NotASecondary = { readonly outcome: 'not-a-secondary' };

/** Whether `region` holds the secondary copy of this incarnation of the account (as the account view says now). */
export const checkReplicaTarget = (account: DataPlaneAccount | undefined, incarnation: number, region: string): NotASecondary | undefined =>
  account && account.incarnation === incarnation && account.region !== region && pairedRegion(account.region)?.name === region
    ? undefined
    : { outcome: 'not-a-secondary' };

/** What applying a snapshot to a secondary store did, or what it needs first. */
export type BlobApplyOutcome =
  | { readonly outcome: 'applied'; readonly version: number }
  /** The secondary already holds this version or a newer one: nothing changed (a redelivery, a second replicator). */
  | { readonly outcome: 'already-applied'; readonly version: number }
  /** Copy these extents into the secondary, then apply again. */
  | { readonly outcome: 'missing-extents'; readonly missing: readonly string[] }
  /** The secondary's container is at another version than the snapshot's: bring the container over (or take a newer snapshot), then again. */
  | { readonly outcome: 'container-mismatch'; readonly containerVersion: number }
  | NotASecondary;

/** The secondary's side of one blob, read under the stream's lock. */
export interface SecondaryBlobSide {
  readonly version: number;
  readonly containerVersion: number;
  readonly containerExists: boolean;
  readonly presentExtents: ReadonlySet<string>;
}

/**
 * Whether a blob snapshot may be applied now: only a newer version than the
 * secondary holds; a blob that exists needs its container at the same
 * version and every extent it references already copied. A deletion
 * (blob: null) needs neither.
 */
export const decideBlobApply = (snapshot: BlobSnapshot, secondary: SecondaryBlobSide): BlobApplyOutcome | 'apply' => {
  if (secondary.version >= snapshot.version) return { outcome: 'already-applied', version: secondary.version };
  if (!snapshot.blob) return 'apply';
  if (!secondary.containerExists || secondary.containerVersion !== snapshot.containerVersion)
    return { outcome: 'container-mismatch', containerVersion: secondary.containerVersion };
  const missing = snapshot.extentIds.filter((id) => !secondary.presentExtents.has(id));
  return missing.length > 0 ? { outcome: 'missing-extents', missing } : 'apply';
};

export type ContainerApplyOutcome = { readonly outcome: 'applied' | 'already-applied'; readonly version: number } | NotASecondary;

/** How a container snapshot changes the secondary. */
export interface ContainerApplyPlan {
  /** Drop the secondary's container with its blobs and their extents. */
  readonly drop: boolean;
  /** Create the container from the snapshot's row. */
  readonly create: boolean;
  /** Take the snapshot's row in place of the secondary's, keeping its blobs: the same container, changed (Set Container Metadata). */
  readonly update: boolean;
  /**
   * Forget the versions of the blobs the drop removes, so the store
   * comparison finds any of them the primary still has and they are copied
   * again: a version gap may be a delete and re-create (whose old blobs must
   * go) or a change this code does not know (whose blobs must stay).
   */
  readonly forgetDroppedBlobs: boolean;
}

/** The secondary's side of one container, read under the stream's lock (generation: null when it has none, or no container). */
export interface SecondaryContainerSide {
  readonly version: number;
  readonly exists: boolean;
  readonly generation: string | null;
}

/**
 * A newer snapshot of a container of the generation the secondary holds is
 * the same container changed: its row is updated and its blobs stay.
 * Anything else (deleted, created again, or of unknown generation, as
 * containers created before generations were) drops what the secondary
 * holds and creates the snapshot's container.
 */
export const decideContainerApply = (snapshot: ContainerSnapshot, secondary: SecondaryContainerSide): ContainerApplyPlan | ContainerApplyOutcome => {
  if (secondary.version >= snapshot.version) return { outcome: 'already-applied', version: secondary.version };
  const present = snapshot.container !== null;
  const generation = containerGenerationOf(snapshot);
  if (present && secondary.exists && generation !== null && generation === secondary.generation)
    return { drop: false, create: false, update: true, forgetDroppedBlobs: false };
  return { drop: secondary.exists, create: present, update: false, forgetDroppedBlobs: secondary.exists && present };
};

export interface StreamLag {
  readonly streamId: string;
  readonly primaryVersion: number;
  readonly secondaryVersion: number;
}

/** The streams whose secondary version is behind the primary's, in stream order. */
export const streamsBehind = (primary: ReadonlyMap<string, number>, secondary: ReadonlyMap<string, number>): StreamLag[] =>
  [...primary]
    .filter(([id, version]) => (secondary.get(id) ?? 0) < version)
    .map(([streamId, primaryVersion]) => ({ streamId, primaryVersion, secondaryVersion: secondary.get(streamId) ?? 0 }))
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
