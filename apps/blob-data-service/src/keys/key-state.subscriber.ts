import { Inject, Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type KeyRingEvent } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';
import { DataKeys } from './data-keys';

type RingRef = KeyRingEvent['data'];

/**
 * Follows atrest.keys: revocation state per account in account_key_state
 * (taken by every request; its trigger evicts every instance's cached
 * account at commit, so all refuse a revoked account from then on), and
 * this instance's cached keys dropped at once
 * (docs/adr/0005: KeyRevoked and KeyRingDeleted drop all of an account's
 * keys, KeyRotated only its write key). Other instances' caches expire
 * within DEK_CACHE_TTL_SECONDS; the state row already stops them.
 */
@Injectable()
export class KeyStateSubscriber implements EventSubscriber {
  readonly groupId = 'blob-data-service.key-state';
  readonly topics = [Topics.keys];
  readonly handlers = {
    // A new ring (a new account under a name used before) starts unrevoked.
    KeyRingCreated: (event: EventEnvelope, manager: EntityManager) => this.setRevoked(event, manager, false),
    KeyRevoked: (event: EventEnvelope, manager: EntityManager) => this.setRevoked(event, manager, true),
    KeyRestored: (event: EventEnvelope, manager: EntityManager) => this.setRevoked(event, manager, false),
    KeyRotated: async (event: EventEnvelope): Promise<void> => this.keys.forgetWriteKey(accountOf(event)),
    KeyRingDeleted: async (event: EventEnvelope): Promise<void> => this.keys.forgetAccount(accountOf(event)),
  };

  constructor(@Inject(DataKeys) private readonly keys: DataKeys) {}

  private async setRevoked(event: EventEnvelope, manager: EntityManager, revoked: boolean): Promise<void> {
    const account = accountOf(event);
    await manager.query(
      `INSERT INTO account_key_state (account_name, revoked, key_stream_version, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (account_name) DO UPDATE SET revoked = EXCLUDED.revoked, key_stream_version = EXCLUDED.key_stream_version, updated_at = now()
       WHERE account_key_state.key_stream_version < EXCLUDED.key_stream_version`,
      [account, revoked, event.streamVersion],
    );
    if (revoked) this.keys.forgetAccount(account);
  }
}

const accountOf = (event: EventEnvelope): string => (event.data as RingRef).accountName;
