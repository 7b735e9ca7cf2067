import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, EventMetadata } from '@atrest/contracts';
import { EventStore, handleCommand } from '@atrest/event-store';
import { FeatureRegistrationsView } from '../../subscriptions/feature-registrations.view';
import { evolve, initialState, storageAccountStreamId } from '../domain/storage-account';
import type { DecisionContext, StorageAccountCommand } from '../domain/storage-account.commands';
import { decide } from '../domain/storage-account.decide';
import { AccountKeysStore } from '../account-keys/account-keys.store';
import { StorageAccountsView } from '../projections/storage-account.view';

/** Two PATCHes racing each retry a few times; more than ten would mean a hot spot worth knowing about. */
const MAX_ATTEMPTS = 10;

/**
 * Every command on a storage account goes through here: load its stream,
 * decide, append with the version read (retrying on a concurrent append, so
 * no update is lost) and, in the same transaction, update the account row
 * (name reservation, group check) and its keys.
 */
@Injectable()
export class StorageAccountCommandExecutor {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(StorageAccountsView) private readonly view: StorageAccountsView,
    @Inject(AccountKeysStore) private readonly keys: AccountKeysStore,
    @Inject(FeatureRegistrationsView) private readonly features: FeatureRegistrationsView,
  ) {}

  async execute(command: StorageAccountCommand, metadata: EventMetadata): Promise<readonly EventEnvelope[]> {
    const context = await this.contextFor(command);
    const { events } = await handleCommand(this.store, {
      streamId: storageAccountStreamId(command.accountName),
      initialState,
      evolve,
      decide: (state) => decide(command, state, context),
      now: command.now,
      metadata,
      maxAttempts: MAX_ATTEMPTS,
      project: async (appended, state, manager) => {
        await this.view.apply(manager, command.accountName, appended, state);
        await this.keys.apply(manager, command.accountName, appended);
      },
    });
    return events;
  }

  /** Only turning encryption on consults the subscription's feature registration. */
  private async contextFor(command: StorageAccountCommand): Promise<DecisionContext> {
    if (!('settings' in command) || command.settings.encryption?.blob !== true) return {};
    return { encryptionAtRest: await this.features.find(command.subscriptionId, 'Microsoft.Storage', 'EncryptionAtRest') };
  }
}
