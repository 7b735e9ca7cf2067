import { DynamicModule, Global, Module } from '@nestjs/common';
import type { SecretKey } from '@atrest/crypto';
import { AccountKeySeal } from './account-key-seal';
import { AccountKeysAtRest } from './account-keys-at-rest';
import { AccountKeysStore } from './account-keys.store';

/** Account keys, sealed at rest under the configured sealing key (global: the account commands and queries use the store). */
@Global()
@Module({})
export class AccountKeysModule {
  static forRoot(sealingKey: SecretKey): DynamicModule {
    return {
      module: AccountKeysModule,
      providers: [{ provide: AccountKeySeal, useValue: new AccountKeySeal(sealingKey) }, AccountKeysStore, AccountKeysAtRest],
      exports: [AccountKeysStore],
    };
  }
}
