import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SecretKey } from '@atrest/crypto';
import { AccountKeySeal } from './account-key-seal';
import { AccountKeysAtRest } from './account-keys-at-rest';
import { AccountKeysStore } from './account-keys.store';

/** Account keys, sealed at rest under the sealing key (global: the account commands and queries use the store). */
@Global()
@Module({})
export class AccountKeysModule {
  /** `previousSealingKey`: the one being rotated away from, if a rotation is under way. */
  static forRoot(sealingKey: SecretKey, previousSealingKey?: SecretKey): DynamicModule {
    const seal = new AccountKeySeal(sealingKey);
    return {
      module: AccountKeysModule,
      providers: [
        { provide: AccountKeySeal, useValue: seal },
        AccountKeysStore,
        {
          provide: AccountKeysAtRest,
          useFactory: (db: DataSource) => new AccountKeysAtRest(db, seal, previousSealingKey && new AccountKeySeal(previousSealingKey)),
          inject: [DataSource],
        },
      ],
      exports: [AccountKeysStore],
    };
  }
}
