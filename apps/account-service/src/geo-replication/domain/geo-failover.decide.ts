import type { DomainEvent, GeoFailoverEvent } from '@atrest/contracts';
import { isGeoRedundantSku, pairedRegion } from '@atrest/contracts';
import { exhaustive } from '../../common/exhaustive';
import { refOf, type StorageAccountState } from '../../storage-accounts/domain/storage-account';
import { addressed } from '../../storage-accounts/domain/storage-account.decide';
import { accountNotFound } from '../../storage-accounts/domain/storage-account.errors';
import type { GeoFailoverCommand, GeoReplicationReport } from './geo-failover.commands';
import { failoverInProgress, failoverNotSupported, lastSyncTimeUnavailable } from './geo-failover.errors';

/**
 * Pure: the failover events of an account's stream (docs/adr/0007). A
 * failover needs a geo-redundant account, none running, and a secondary
 * the replicator says can take over; completing it is idempotent (a
 * repeated report of the same operation changes nothing).
 */
export const decideGeoFailover = (command: GeoFailoverCommand, state: StorageAccountState, report?: GeoReplicationReport): DomainEvent[] => {
  switch (command.type) {
    case 'FailoverStorageAccount': {
      const account = addressed(state, command);
      if (!isGeoRedundantSku(account.sku)) throw failoverNotSupported(account.name, account.sku);
      if (account.geoFailover) throw failoverInProgress(account.name, account.geoFailover.operationId);
      if (!report?.canFailover) throw lastSyncTimeUnavailable(account.name, report?.status ?? 'Unavailable');
      const pair = pairedRegion(account.location);
      if (!pair) throw failoverNotSupported(account.name, `in ${account.location}, a region without a pair,`);
      const requested: GeoFailoverEvent = {
        type: 'GeoFailoverRequested',
        data: { ...refOf(account), operationId: command.operationId, fromLocation: account.location, toLocation: pair.name, requestedAt: command.now.toISOString() },
      };
      return [requested];
    }
    case 'CompleteFailover': {
      if (!state) throw accountNotFound(command.accountName);
      if (state.geoFailover?.operationId !== command.operationId) return [];
      const completed: GeoFailoverEvent = {
        type: 'GeoFailoverCompleted',
        data: {
          ...refOf(state),
          operationId: command.operationId,
          location: state.geoFailover.toLocation,
          sku: 'Standard_LRS',
          unreplicatedChanges: command.unreplicatedChanges,
          lastSyncTime: command.lastSyncTime,
          completedAt: command.now.toISOString(),
        },
      };
      return [completed];
    }
    default:
      return exhaustive(command, 'geo failover command');
  }
};
