import { Inject, Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type KeyRingEvent } from '@atrest/contracts';
import type { EventHandlers, EventSubscriber } from '@atrest/messaging';
import type { KeySourceOutcome } from '../../domain/storage-account.commands';
import { StorageAccountCommandExecutor } from '../storage-account-command.executor';

type Answer<T extends KeyRingEvent['type']> = Extract<KeyRingEvent, { type: T }>['data'];

/**
 * The second half of the key-source handshake: key-management-service's
 * answer on atrest.keys (naming the account stream version of the request)
 * is recorded on the account's stream as KeySourceChangeCompleted, which
 * ends the PATCH's wait and is what GET shows. Ring events that answer no
 * request (rotation, revocation) are not the account's business here.
 * Idempotent: the decision records one answer per request.
 */
@Injectable()
export class KeySourceOutcomeSubscriber implements EventSubscriber {
  readonly groupId = 'account-service.key-source-outcomes';
  readonly topics = [Topics.keys];
  readonly handlers: EventHandlers = {
    CustomerManagedKeyConfigured: (event) => {
      const { keyVaultProperties, accountStreamVersion } = event.data as Answer<'CustomerManagedKeyConfigured'>;
      return this.record(event, accountStreamVersion, { outcome: 'Applied', keySource: 'Microsoft.Keyvault', keyVaultProperties });
    },
    CustomerManagedKeyRemoved: (event) =>
      this.record(event, (event.data as Answer<'CustomerManagedKeyRemoved'>).accountStreamVersion, { outcome: 'Applied', keySource: 'Microsoft.Storage' }),
    KeySourceUnchanged: (event) => {
      const { accountStreamVersion, keySource, keyVaultProperties } = event.data as Answer<'KeySourceUnchanged'>;
      return this.record(event, accountStreamVersion, { outcome: 'Applied', keySource, ...(keyVaultProperties && { keyVaultProperties }) });
    },
    KeySourceChangeRejected: (event) => {
      const { accountStreamVersion, code, message } = event.data as Answer<'KeySourceChangeRejected'>;
      return this.record(event, accountStreamVersion, { outcome: 'Rejected', code, message });
    },
  };

  constructor(@Inject(StorageAccountCommandExecutor) private readonly executor: StorageAccountCommandExecutor) {}

  private async record(event: EventEnvelope, requestedVersion: number | undefined, outcome: KeySourceOutcome): Promise<void> {
    if (requestedVersion === undefined) return;
    const { accountName } = event.data as { accountName: string };
    await this.executor.execute(
      { type: 'RecordKeySourceOutcome', accountName, requestedVersion, outcome, now: new Date() },
      { causationId: event.eventId, actor: 'key-management-service', ...(event.metadata.correlationId && { correlationId: event.metadata.correlationId }) },
    );
  }
}
