import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, EventMetadata } from '@atrest/contracts';
import { EventStore, handleCommand } from '@atrest/event-store';
import { evolve, initialState, storageAccountStreamId } from '../../storage-accounts/domain/storage-account';
import { StorageAccountsView } from '../../storage-accounts/projections/storage-account.view';
import type { GeoFailoverCommand } from '../domain/geo-failover.commands';
import { decideGeoFailover } from '../domain/geo-failover.decide';
import { FailoverOperationsStore } from '../projections/failover-operations.store';
import { GeoReplicationStatsView } from '../projections/geo-replication-stats.view';

const MAX_ATTEMPTS = 10;

/**
 * The failover commands on an account's stream: load, decide purely (with
 * the replicator's latest report for a new failover), append with the
 * version read, and in the same transaction update the account row and the
 * operation's row.
 */
@Injectable()
export class GeoFailoverCommandExecutor {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(StorageAccountsView) private readonly accounts: StorageAccountsView,
    @Inject(FailoverOperationsStore) private readonly operations: FailoverOperationsStore,
    @Inject(GeoReplicationStatsView) private readonly stats: GeoReplicationStatsView,
  ) {}

  async execute(command: GeoFailoverCommand, metadata: EventMetadata): Promise<readonly EventEnvelope[]> {
    const report = command.type === 'FailoverStorageAccount' ? await this.stats.find(command.accountName) : undefined;
    const { events } = await handleCommand(this.store, {
      streamId: storageAccountStreamId(command.accountName),
      initialState,
      evolve,
      decide: (state) => decideGeoFailover(command, state, report),
      now: command.now,
      metadata,
      maxAttempts: MAX_ATTEMPTS,
      project: async (appended, state, manager) => {
        await this.accounts.apply(manager, command.accountName, appended, state);
        await this.operations.apply(manager, appended);
      },
    });
    return events;
  }
}
