import { Injectable } from '@nestjs/common';
import { Topics, type EventEnvelope, type EventMetadata, type StorageAccountEvent } from '@atrest/contracts';
import type { EventHandlers, EventSubscriber } from '@atrest/messaging';
import { ChangeKeySourceHandler } from '../commands/change-key-source/change-key-source.handler';
import { KeyRings } from '../key-rings';

type AccountEventData = Extract<StorageAccountEvent, { type: 'StorageAccountCreated' }>['data'];
type KeySourceRequest = Extract<StorageAccountEvent, { type: 'KeySourceChangeRequested' }>['data'];

const causedBy = (event: EventEnvelope): EventMetadata => ({
  causationId: event.eventId,
  ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
});

/**
 * Key rings follow the accounts on atrest.accounts: one is created when a
 * Resource Manager account is created (or, for an account older than this
 * service's data, when it first enables encryption) and destroyed with the
 * account. Classic accounts get none: the seed rules out SSE for them, also
 * after migration. A key-source change the account asks for is made here
 * and answered on atrest.keys with the request's stream version.
 * Commands are idempotent, so redelivered events change nothing.
 */
@Injectable()
export class AccountEventsSubscriber implements EventSubscriber {
  readonly groupId = 'key-management-service.key-rings';
  readonly topics = [Topics.accounts];
  readonly handlers: EventHandlers = {
    StorageAccountCreated: async (event) => {
      if ((event.data as AccountEventData).deploymentModel === 'ResourceManager') await this.createKeyRing(event);
    },
    EncryptionEnabled: (event) => this.createKeyRing(event),
    KeySourceChangeRequested: async (event) => {
      // The ring of an account older than this service's data is made first, as for EncryptionEnabled.
      await this.createKeyRing(event);
      await this.keySources.execute(event.data as KeySourceRequest, event.streamVersion, causedBy(event));
    },
    StorageAccountDeleted: async (event) => {
      const { accountName } = event.data as AccountEventData;
      await this.keyRings.execute(accountName, { type: 'DeleteKeyRing', now: new Date() }, causedBy(event));
    },
  };

  constructor(
    private readonly keyRings: KeyRings,
    private readonly keySources: ChangeKeySourceHandler,
  ) {}

  private async createKeyRing(event: EventEnvelope): Promise<void> {
    const { subscriptionId, resourceGroup, accountName } = event.data as AccountEventData;
    await this.keyRings.execute(
      accountName,
      { type: 'CreateKeyRing', account: { subscriptionId, resourceGroup, accountName }, now: new Date() },
      causedBy(event),
    );
  }
}
