import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SecretKey } from '@atrest/crypto';
import { CustomerKeyStore } from './customer-key.store';
import { KekStore } from './kek.store';
import { KeyHierarchy } from './key-hierarchy';
import { RootKeyCheck } from './root-key.check';
import { ROOT_KEY } from './root-key.token';

/**
 * Where key material lives: the root key (memory only), customer keys and
 * KEKs (stored wrapped) and the hierarchy that unwraps them. Global, so the
 * features share one root key; the start-up check (and a rotation away from
 * `previousRootKey`, when given) runs once.
 */
@Module({})
export class KeyMaterialModule {
  static forRoot(rootKey: SecretKey, previousRootKey?: SecretKey): DynamicModule {
    return {
      module: KeyMaterialModule,
      global: true,
      providers: [
        { provide: ROOT_KEY, useValue: rootKey },
        KekStore,
        CustomerKeyStore,
        KeyHierarchy,
        {
          provide: RootKeyCheck,
          useFactory: (dataSource: DataSource, hierarchy: KeyHierarchy) => new RootKeyCheck(rootKey, previousRootKey, dataSource, hierarchy),
          inject: [DataSource, KeyHierarchy],
        },
      ],
      exports: [KekStore, CustomerKeyStore, KeyHierarchy],
    };
  }
}
