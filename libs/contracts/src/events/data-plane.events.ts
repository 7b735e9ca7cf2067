import { z } from 'zod';
import { Topics } from '../topics/topics';
import { defineEvent, type EventOf } from './envelope';
import { storageAccountName, subscriptionId, timestamp } from './common.schemas';

/**
 * The data plane's acknowledgement that from now on every write to the
 * account follows this encryption state: it has applied the account stream
 * up to `accountStreamVersion`. The management plane answers an encryption
 * change with provisioningState Succeeded only after this (the consistency
 * contract in docs/architecture.md).
 */
export const DataPlaneEncryptionStateApplied = defineEvent(
  'DataPlaneEncryptionStateApplied',
  Topics.dataPlane,
  1,
  z.object({
    subscriptionId,
    accountName: storageAccountName,
    accountStreamVersion: z.number().int().positive(),
    encryptionEnabled: z.boolean(),
    appliedAt: timestamp,
  }),
);

export const dataPlaneEvents = [DataPlaneEncryptionStateApplied] as const;

export type DataPlaneEvent = EventOf<(typeof dataPlaneEvents)[number]>;
