import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type StorageAccountEvent } from '@atrest/contracts';
import { enqueueEvents, envelopeEvents } from '@atrest/event-store';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';

type AccountRef = Extract<StorageAccountEvent, { type: 'StorageAccountCreated' }>['data'];

/**
 * Keeps account_encryption_state in step with each account's stream
 * (atrest.accounts) and, in the same transaction, acknowledges what it
 * applied with DataPlaneEncryptionStateApplied on atrest.blobs: once
 * account-service sees that acknowledgement, every write the data plane
 * accepts from then on follows the new state. Versions only move forward, so
 * a replayed older event neither changes the state nor acknowledges anything.
 */
@Injectable()
export class AccountEncryptionProjection implements EventSubscriber {
  readonly groupId = 'blob-data-service.account-encryption';
  readonly topics = [Topics.accounts];
  readonly handlers = {
    StorageAccountCreated: (event: EventEnvelope, manager: EntityManager) => this.apply(event, manager, false),
    EncryptionEnabled: (event: EventEnvelope, manager: EntityManager) => this.apply(event, manager, true),
    EncryptionDisabled: (event: EventEnvelope, manager: EntityManager) => this.apply(event, manager, false),
    StorageAccountDeleted: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      await manager.query(`DELETE FROM account_encryption_state WHERE account_name = $1 AND account_stream_version < $2`, [
        (event.data as AccountRef).accountName,
        event.streamVersion,
      ]);
    },
  };

  private async apply(event: EventEnvelope, manager: EntityManager, enabled: boolean): Promise<void> {
    const { subscriptionId, accountName } = event.data as AccountRef;
    const now = new Date();
    const applied: unknown[] = await manager.query(
      `INSERT INTO account_encryption_state (account_name, subscription_id, enabled, account_stream_version, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (account_name) DO UPDATE SET
         subscription_id = EXCLUDED.subscription_id, enabled = EXCLUDED.enabled,
         account_stream_version = EXCLUDED.account_stream_version, updated_at = EXCLUDED.updated_at
       WHERE account_encryption_state.account_stream_version < EXCLUDED.account_stream_version
       RETURNING account_name`,
      [accountName, subscriptionId, enabled, event.streamVersion, now],
    );
    if (applied.length === 0) return;
    const acknowledgement = {
      type: 'DataPlaneEncryptionStateApplied',
      data: { subscriptionId, accountName, accountStreamVersion: event.streamVersion, encryptionEnabled: enabled, appliedAt: now.toISOString() },
    };
    // Stream version = the account's: one acknowledgement per applied account event.
    await enqueueEvents(manager, envelopeEvents(`DataPlaneAccount-${accountName}`, event.streamVersion, [acknowledgement], now));
  }
}
