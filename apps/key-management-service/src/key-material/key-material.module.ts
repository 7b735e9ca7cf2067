import { DynamicModule, Module } from '@nestjs/common';
import { CustomerKeyStore } from './customer-key.store';
import { KekStore } from './kek.store';
import { KeyHierarchy } from './key-hierarchy';
import type { SecretKey } from '@atrest/crypto';
import { RootKeyCheck } from './root-key.check';
import { ROOT_KEY } from './root-key.token';

/**
 * Where key material lives: the root key (memory only), customer keys and
 * KEKs (stored wrapped) and the hierarchy that unwraps them. Global, so the
 * features share one root key; the start-up check runs once.
 */
@Module({})
export class KeyMaterialModule {
  static forRoot(rootKey: SecretKey): DynamicModule {
    return {
      module: KeyMaterialModule,
      global: true,
      providers: [{ provide: ROOT_KEY, useValue: rootKey }, KekStore, CustomerKeyStore, KeyHierarchy, RootKeyCheck],
      exports: [KekStore, CustomerKeyStore, KeyHierarchy],
    };
  }
}
