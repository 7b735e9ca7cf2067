import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { storageAccountName, subscriptionId, timestamp } from './common.schemas';

// Geo-redundancy (docs/adr/0007-geo-replication.md). The failover steps that
// change the account are on its own stream (StorageAccount-<name>, topic
// atrest.accounts), so every reader applies them in order with the rest of
// the account's life; the replicator's reports are on GeoReplication-<name>
// (atrest.replication). No event carries data, keys or blob names' contents.

const accountRef = { subscriptionId, resourceGroup: z.string().min(1).max(90), accountName: storageAccountName };
const region = z.string().min(1);

export const geoReplicationStatuses = ['Live', 'Bootstrap', 'Unavailable'] as const;

/** A customer asked to fail the account over to its secondary region (long-running operation `operationId`). */
export const GeoFailoverRequested = defineEvent(
  'GeoFailoverRequested',
  Topics.accounts,
  1,
  z.object({ ...accountRef, operationId: z.uuid(), fromLocation: region, toLocation: region, requestedAt: timestamp }),
);

/**
 * The secondary became the primary: the account is Standard_LRS in
 * `location` from now on. `unreplicatedChanges` counts the changes (blob or
 * container streams) the secondary did not have when it took over.
 */
export const GeoFailoverCompleted = defineEvent(
  'GeoFailoverCompleted',
  Topics.accounts,
  1,
  z.object({
    ...accountRef,
    operationId: z.uuid(),
    location: region,
    sku: z.literal('Standard_LRS'),
    unreplicatedChanges: z.number().int().nonnegative(),
    lastSyncTime: timestamp.nullable(),
    completedAt: timestamp,
  }),
);

/**
 * The replicator's view of one account's geo-replication, published when it
 * changes (throttled): every write acknowledged before `lastSyncTime` is in
 * the secondary region's store.
 */
export const GeoReplicationProgressed = defineEvent(
  'GeoReplicationProgressed',
  Topics.replication,
  1,
  z.object({
    accountName: storageAccountName,
    incarnation: z.number().int().positive(),
    primaryLocation: region,
    secondaryLocation: region,
    status: z.enum(geoReplicationStatuses),
    lastSyncTime: timestamp.nullable(),
    canFailover: z.boolean(),
    /** Blob and container streams changed in the primary and not yet applied in the secondary. */
    pendingChanges: z.number().int().nonnegative(),
    reportedAt: timestamp,
  }),
);

/**
 * The replicator stopped replicating the account for failover `operationId`
 * (writes were frozen, the queue drained as far as it could) and counted
 * what the secondary lacks: `unreplicatedStreams` names the first of them.
 * `countedFrom`: "stores" when both stores were compared, "queue" when the
 * primary could not be read and only the changes known to the replicator count.
 */
export const FailoverReplicaPrepared = defineEvent(
  'FailoverReplicaPrepared',
  Topics.replication,
  1,
  z.object({
    accountName: storageAccountName,
    operationId: z.uuid(),
    unreplicatedChanges: z.number().int().nonnegative(),
    unreplicatedStreams: z.array(z.string().min(1)).max(100),
    countedFrom: z.enum(['stores', 'queue']),
    lastSyncTime: timestamp.nullable(),
    preparedAt: timestamp,
  }),
);

/** The failover steps on an account's stream. */
export const geoFailoverEvents = [GeoFailoverRequested, GeoFailoverCompleted] as const;
/** The replicator's reports. */
export const replicationEvents = [GeoReplicationProgressed, FailoverReplicaPrepared] as const;

export type GeoFailoverEvent = EventOf<(typeof geoFailoverEvents)[number]>;
export type ReplicationEvent = EventOf<(typeof replicationEvents)[number]>;
export type GeoReplicationStatus = (typeof geoReplicationStatuses)[number];
