import { Injectable } from '@nestjs/common';
import { DecryptionFailed, unwrapKey, wrapKey } from '@atrest/crypto';
import { dekBinding } from '../key-material/key-bindings';
import { KeyHierarchy } from '../key-material/key-hierarchy';
import { wrappedKeyRejected } from './data-key.errors';
import { decodeWrappedDataKey, encodeWrappedDataKey } from './wrapped-data-key';

export interface SealedDataKey {
  readonly wrappedKey: string;
  readonly kekVersion: number;
  readonly keyId: string;
}

/** Data keys in and out of their envelopes: wrapped by an account's KEK, bound to account, KEK version and key id. */
@Injectable()
export class DataKeyEnvelopes {
  constructor(private readonly hierarchy: KeyHierarchy) {}

  /** Wraps `dataKey` with the account's current KEK. */
  async seal(accountName: string, dataKey: Buffer, keyId: string): Promise<SealedDataKey> {
    const { version, kek } = await this.hierarchy.openKek(accountName);
    try {
      const wrapped = wrapKey(kek, dataKey, dekBinding(accountName, version, keyId));
      return { wrappedKey: encodeWrappedDataKey({ keyId, wrapped }), kekVersion: version, keyId };
    } finally {
      kek.fill(0);
    }
  }

  /** The data key inside `wrappedKey`, if it is this account's under `kekVersion`; WrappedKeyRejected otherwise. */
  async open(accountName: string, wrappedKey: string, kekVersion: number): Promise<{ dataKey: Buffer; keyId: string; currentVersion: number }> {
    const parsed = decodeWrappedDataKey(wrappedKey);
    if (!parsed) throw wrappedKeyRejected(accountName, kekVersion);
    const { kek, currentVersion } = await this.hierarchy.openKek(accountName, kekVersion);
    try {
      return { dataKey: unwrapKey(kek, parsed.wrapped, dekBinding(accountName, kekVersion, parsed.keyId)), keyId: parsed.keyId, currentVersion };
    } catch (error) {
      if (error instanceof DecryptionFailed) throw wrappedKeyRejected(accountName, kekVersion);
      throw error;
    } finally {
      kek.fill(0);
    }
  }
}
