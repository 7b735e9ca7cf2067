import { Injectable } from '@nestjs/common';
import { Topics, type DataPlaneEvent, type EventEnvelope } from '@atrest/contracts';
import type { EventSubscriber } from '@atrest/messaging';
import type { EntityManager } from 'typeorm';

type Applied = Extract<DataPlaneEvent, { type: 'DataPlaneEncryptionStateApplied' }>['data'];

/**
 * How far the data plane has applied each account's stream
 * (DataPlaneEncryptionStateApplied on atrest.data-plane): once it has applied a
 * GeoFailoverRequested, it refuses the account's writes, and counting what
 * the secondary lacks can begin.
 */
@Injectable()
export class DataPlaneAcksSubscriber implements EventSubscriber {
  readonly groupId = 'replicator-service.data-plane-acks';
  readonly topics = [Topics.dataPlane];
  readonly handlers = {
    DataPlaneEncryptionStateApplied: async (event: EventEnvelope, manager: EntityManager): Promise<void> => {
      const ack = event.data as Applied;
      await manager.query(`UPDATE replicated_accounts SET data_plane_version = greatest(data_plane_version, $2) WHERE account_name = $1`, [
        ack.accountName,
        ack.accountStreamVersion,
      ]);
    },
  };
}
