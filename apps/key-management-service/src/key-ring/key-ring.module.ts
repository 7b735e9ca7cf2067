import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '@atrest/event-store';
import { provideEventSubscriber } from '@atrest/messaging';
import { ConfigureCustomerManagedKeyController } from './commands/configure-customer-managed-key/configure-customer-managed-key.controller';
import { ConfigureCustomerManagedKeyHandler } from './commands/configure-customer-managed-key/configure-customer-managed-key.handler';
import { RemoveCustomerManagedKeyController } from './commands/remove-customer-managed-key/remove-customer-managed-key.controller';
import { RemoveCustomerManagedKeyHandler } from './commands/remove-customer-managed-key/remove-customer-managed-key.handler';
import { RotateKeyController } from './commands/rotate-key/rotate-key.controller';
import { RotateKeyHandler } from './commands/rotate-key/rotate-key.handler';
import { KeyRings } from './key-rings';
import { KeyRingProjection } from './projections/key-ring.projection';
import { KeyRingViews } from './projections/key-ring.view';
import { GetEncryptionKeysController } from './queries/get-encryption-keys/get-encryption-keys.controller';
import { GetEncryptionKeysHandler } from './queries/get-encryption-keys/get-encryption-keys.handler';
import { AccountEventsSubscriber } from './subscriptions/account-events.subscriber';

/** Account key rings: event-sourced, created and deleted from account events, rotated and re-keyed through ARM. */
@Module({
  controllers: [GetEncryptionKeysController, RotateKeyController, ConfigureCustomerManagedKeyController, RemoveCustomerManagedKeyController],
  providers: [
    { provide: EventStore, useFactory: (dataSource: DataSource) => new EventStore(dataSource), inject: [DataSource] },
    KeyRings,
    KeyRingProjection,
    KeyRingViews,
    GetEncryptionKeysHandler,
    RotateKeyHandler,
    ConfigureCustomerManagedKeyHandler,
    RemoveCustomerManagedKeyHandler,
    ...provideEventSubscriber(AccountEventsSubscriber),
  ],
  exports: [KeyRings, KeyRingViews],
})
export class KeyRingModule {}
