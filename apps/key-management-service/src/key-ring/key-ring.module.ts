import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '@atrest/event-store';
import { provideEventSubscriber } from '@atrest/messaging';
import { ChangeKeySourceHandler } from './commands/change-key-source/change-key-source.handler';
import { RotateKeyController } from './commands/rotate-key/rotate-key.controller';
import { RotateKeyHandler } from './commands/rotate-key/rotate-key.handler';
import { KeyRings } from './key-rings';
import { KeyRingProjection } from './projections/key-ring.projection';
import { KeyRingViews } from './projections/key-ring.view';
import { GetEncryptionKeysController } from './queries/get-encryption-keys/get-encryption-keys.controller';
import { GetEncryptionKeysHandler } from './queries/get-encryption-keys/get-encryption-keys.handler';
import { AccountEventsSubscriber } from './subscriptions/account-events.subscriber';

/** Account key rings: event-sourced; created, deleted and re-keyed (key source) from account events; read and rotated through ARM. */
@Module({
  controllers: [GetEncryptionKeysController, RotateKeyController],
  providers: [
    { provide: EventStore, useFactory: (dataSource: DataSource) => new EventStore(dataSource), inject: [DataSource] },
    KeyRings,
    KeyRingProjection,
    KeyRingViews,
    GetEncryptionKeysHandler,
    RotateKeyHandler,
    ChangeKeySourceHandler,
    ...provideEventSubscriber(AccountEventsSubscriber),
  ],
  exports: [KeyRings, KeyRingViews],
})
export class KeyRingModule {}
