import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { BlobDataServiceConfig } from '../config';
import { DataKeyCache, type DataKeyRef } from './data-key-cache';
import { KmsClient } from './kms.client';
import { isWriteKeySpent, type WriteKey } from './write-key';

/** A stored data key as extents reference it: the wrapped form and the KEK version that wraps it. */
export interface StoredDataKey extends DataKeyRef {
  readonly wrappedKey: string;
}

/**
 * The data plane's keys (docs/adr/0005 "How the data plane uses keys"): one
 * reused write key per account, retired by package count or age; unwrapped
 * keys for reads in a bounded, expiring cache; concurrent requests for the
 * same key share one key-service call. Forgotten at once on revocation.
 */
@Injectable()
export class DataKeys {
  private readonly writeKeys = new Map<string, WriteKey>();
  private readonly issuing = new Map<string, Promise<WriteKey>>();
  private readonly unwrapping = new Map<string, Promise<Buffer>>();
  private readonly readKeys: DataKeyCache;
  private readonly ttlMs: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: BlobDataServiceConfig,
    @Inject(KmsClient) private readonly kms: KmsClient,
  ) {
    this.ttlMs = config.DEK_CACHE_TTL_SECONDS * 1000;
    this.readKeys = new DataKeyCache(config.DEK_CACHE_MAX_ENTRIES, this.ttlMs);
  }

  /** The key to seal the next `packages` packages of the account with (a new one when the current is spent). */
  async forWriting(account: string, packages: number, requestId?: string): Promise<WriteKey> {
    const current = this.writeKeys.get(account);
    const key = current && !isWriteKeySpent(current, Date.now(), this.ttlMs) ? current : await this.issue(account, requestId);
    key.sealed += packages;
    return key;
  }

  /** The clear key of a stored data key. */
  forReading(account: string, stored: StoredDataKey, requestId?: string): Promise<Buffer> {
    const cached = this.readKeys.get(account, stored);
    if (cached) return Promise.resolve(cached);
    const id = `${account}/${stored.keyId}/${stored.kekVersion}`;
    let pending = this.unwrapping.get(id);
    if (!pending) {
      pending = this.kms.unwrap(account, stored.wrappedKey, stored.kekVersion, requestId).then((key) => {
        this.readKeys.set(account, stored, key);
        return key;
      });
      this.unwrapping.set(id, pending);
      void pending.catch(() => undefined).finally(() => this.unwrapping.delete(id));
    }
    return pending;
  }

  /** Revocation or a deleted ring: no key of the account is used again without asking the key service. */
  forgetAccount(account: string): void {
    this.forgetWriteKey(account);
    this.readKeys.dropAccount(account);
  }

  /** Rotation: new writes use the newest KEK at once; existing keys still open. */
  forgetWriteKey(account: string): void {
    this.writeKeys.delete(account);
    this.issuing.delete(account);
  }

  private issue(account: string, requestId?: string): Promise<WriteKey> {
    let pending = this.issuing.get(account);
    if (!pending) {
      pending = this.kms.generate(account, requestId).then((issued) => {
        const key: WriteKey = { ...issued, issuedAt: Date.now(), sealed: 0 };
        // Only kept if nothing forgot the account meanwhile (a revocation raced the call).
        if (this.issuing.get(account) === pending) {
          this.writeKeys.set(account, key);
          this.readKeys.set(account, key, key.key);
        }
        return key;
      });
      this.issuing.set(account, pending);
      void pending.catch(() => undefined).finally(() => {
        if (this.issuing.get(account) === pending) this.issuing.delete(account);
      });
    }
    return pending;
  }
}
