import { Injectable } from '@nestjs/common';
import { Topics, type DataPlaneEvent, type EventEnvelope } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';

type Applied = Extract<DataPlaneEvent, { type: 'DataPlaneEncryptionStateApplied' }>['data'];

/**
 * Table data_plane_acks: how far blob-data-service has applied each
 * account's stream (DataPlaneEncryptionStateApplied on atrest.data-plane). Only
 * ever moves forward, so a late or repeated acknowledgement changes nothing.
 */
@Injectable()
export class DataPlaneAcksProjection implements EventSubscriber {
  readonly groupId = 'account-service.data-plane-acks';
  readonly topics = [Topics.dataPlane];
  readonly handlers = {
    DataPlaneEncryptionStateApplied: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const ack = event.data as Applied;
      await manager.query(
        `INSERT INTO data_plane_acks (account_name, account_stream_version, encryption_enabled, applied_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_name) DO UPDATE SET
           account_stream_version = EXCLUDED.account_stream_version, encryption_enabled = EXCLUDED.encryption_enabled, applied_at = EXCLUDED.applied_at
         WHERE data_plane_acks.account_stream_version < EXCLUDED.account_stream_version`,
        [ack.accountName, ack.accountStreamVersion, ack.encryptionEnabled, ack.appliedAt],
      );
    },
  };
}
