import { Global, Module } from '@nestjs/common';
import { provideEventSubscriber } from '@atrest/messaging';
import { DataKeys } from './data-keys';
import { KeyStateSubscriber } from './key-state.subscriber';
import { KmsClient } from './kms.client';
import { CreateAccountKeyState1764700000200 } from './migrations/1764700000200-create-account-key-state';

export const keyStateMigrations = [CreateAccountKeyState1764700000200];

/** Data keys from key-management-service, cached and dropped as docs/adr/0005 says. */
@Global()
@Module({ providers: [KmsClient, DataKeys, ...provideEventSubscriber(KeyStateSubscriber)], exports: [DataKeys, KmsClient] })
export class KeysModule {}
