import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DecryptionFailed, generateKey, SecretKey, type KeyBinding, type KeyWrapper } from '@atrest/crypto';
import { customerKeyId, type CustomerKeyRef } from '../key-ring/domain/customer-key';
import { customerKeyUnavailable } from '../key-ring/domain/key-ring.errors';
import { keyRingNotFound, keyVersionNotFound } from '../data-keys/data-key.errors';
import { CustomerKeyStore } from './customer-key.store';
import { customerKeyBinding, kekBinding } from './key-bindings';
import { KekStore, wrappedByOf } from './kek.store';
import { ROOT_KEY } from './root-key.token';

/** A key-encryption key in the clear, for the length of one request: zero it when done. */
export interface OpenKek {
  readonly version: number;
  readonly currentVersion: number;
  readonly kek: Buffer;
}

interface KekLookupRow {
  current_version: number;
  revoked: boolean;
  version: number | null;
  wrapped: Buffer | null;
  vault_name: string | null;
  key_name: string | null;
  key_version: string | null;
  customer_wrapped: Buffer | null;
  customer_status: 'active' | 'revoked' | null;
}

/**
 * root key -> (customer key) -> key-encryption keys. The only code that
 * unwraps stored key material; everything it returns in the clear lives for
 * one operation.
 */
@Injectable()
export class KeyHierarchy {
  constructor(
    @Inject(ROOT_KEY) private readonly root: SecretKey,
    private readonly dataSource: DataSource,
    private readonly keks: KekStore,
    private readonly customerKeys: CustomerKeyStore,
  ) {}

  /** An imported customer key as stored: wrapped by the root key. */
  wrapCustomerKey(ref: CustomerKeyRef, material: Uint8Array): Buffer {
    return this.root.wrap(material, customerKeyBinding(ref));
  }

  openCustomerKey(ref: CustomerKeyRef, wrapped: Buffer): SecretKey {
    const bytes = this.integrity(`customer key ${customerKeyId(ref)}`, () => this.root.unwrap(wrapped, customerKeyBinding(ref)));
    try {
      return new SecretKey(bytes);
    } finally {
      bytes.fill(0);
    }
  }

  /** A new random KEK for a ring, stored wrapped by the ring's wrapping key (in the ring command's transaction). */
  async createKek(manager: EntityManager, accountName: string, version: number, wrappedBy: CustomerKeyRef | undefined, now: Date): Promise<void> {
    const kek = generateKey();
    try {
      const wrapped = await this.withWrapper(manager, wrappedBy, accountName, (wrapper) => wrapper.wrap(kek, kekBinding(accountName, version)));
      await this.keks.insert(manager, { accountName, version, wrapped, wrappedBy }, now);
    } finally {
      kek.fill(0);
    }
  }

  /** Re-wraps every KEK of an account under `to` (undefined: the root key). Data keys and data are untouched. */
  async rewrapKeks(manager: EntityManager, accountName: string, to: CustomerKeyRef | undefined): Promise<void> {
    for (const row of await this.keks.lockAll(manager, accountName)) {
      const binding = kekBinding(accountName, row.version);
      const kek = await this.withWrapper(manager, row.wrappedBy, accountName, (from) =>
        this.integrity(`KEK v${row.version} of ${accountName}`, () => from.unwrap(row.wrapped, binding)),
      );
      try {
        const wrapped = await this.withWrapper(manager, to, accountName, (target) => target.wrap(kek, binding));
        await this.keks.replace(manager, { ...row, wrapped, wrappedBy: to });
      } finally {
        kek.fill(0);
      }
    }
  }

  /**
   * Root-key rotation: everything `previous` wrapped (KEKs of rings on the
   * root key, every customer key) re-wrapped under the root key, rows locked
   * until the caller's transaction ends. Returns how many keys it re-wrapped.
   */
  async rewrapUnderRoot(manager: EntityManager, previous: SecretKey): Promise<number> {
    const rewrap = async (what: string, wrapped: Buffer, binding: KeyBinding, store: (rewrapped: Buffer) => Promise<void>) => {
      const key = this.integrity(what, () => previous.unwrap(wrapped, binding));
      try {
        await store(this.root.wrap(key, binding));
      } finally {
        key.fill(0);
      }
    };
    const keks = await this.keks.lockWrappedByRoot(manager);
    for (const row of keks)
      await rewrap(`KEK v${row.version} of ${row.accountName}`, row.wrapped, kekBinding(row.accountName, row.version), (wrapped) =>
        this.keks.replace(manager, { ...row, wrapped }),
      );
    const customerKeys = await this.customerKeys.lockAll(manager);
    for (const { ref, wrapped } of customerKeys)
      await rewrap(`customer key ${customerKeyId(ref)}`, wrapped, customerKeyBinding(ref), (rewrapped) => this.customerKeys.replaceWrapped(manager, ref, rewrapped));
    return keks.length + customerKeys.length;
  }

  /** Crypto-shredding: without its KEKs, no data key of the account can be unwrapped again. */
  destroyKeks(manager: EntityManager, accountName: string): Promise<void> {
    return this.keks.deleteAll(manager, accountName);
  }

  /**
   * The KEK of `version` (default: the current one) in the clear, in one
   * query. Refuses while the ring's customer key is revoked or gone: that
   * check is here, on every call, so revocation takes effect at once.
   */
  async openKek(accountName: string, version?: number): Promise<OpenKek> {
    const rows: KekLookupRow[] = await this.dataSource.query(
      `SELECT r.current_version, r.revoked, k.version, k.wrapped, k.vault_name, k.key_name, k.key_version,
              c.wrapped AS customer_wrapped, c.status AS customer_status
         FROM key_rings r
         LEFT JOIN key_encryption_keys k ON k.account_name = r.account_name AND k.version = coalesce($2::int, r.current_version)
         LEFT JOIN customer_keys c ON c.vault_name = k.vault_name AND c.key_name = k.key_name AND c.key_version = k.key_version
        WHERE r.account_name = $1`,
      [accountName, version ?? null],
    );
    const row = rows[0];
    if (!row) throw keyRingNotFound(accountName);
    if (row.version === null || row.wrapped === null) throw keyVersionNotFound(accountName, version ?? row.current_version);
    const wrappedBy = wrappedByOf(row);
    if (wrappedBy && (row.revoked || row.customer_status !== 'active' || !row.customer_wrapped))
      throw customerKeyUnavailable(wrappedBy, accountName);
    const binding = kekBinding(accountName, row.version);
    const unwrap = (wrapper: KeyWrapper) => this.integrity(`KEK v${row.version} of ${accountName}`, () => wrapper.unwrap(row.wrapped!, binding));
    if (!wrappedBy) return { version: row.version, currentVersion: row.current_version, kek: unwrap(this.root) };
    const customerKey = this.openCustomerKey(wrappedBy, row.customer_wrapped!);
    try {
      return { version: row.version, currentVersion: row.current_version, kek: unwrap(customerKey) };
    } finally {
      customerKey.destroy();
    }
  }

  /** Runs `use` with the root key or an active customer key (locked against revocation until the transaction ends). */
  private async withWrapper<T>(
    manager: EntityManager,
    ref: CustomerKeyRef | undefined,
    accountName: string,
    use: (wrapper: KeyWrapper) => T,
  ): Promise<T> {
    if (!ref) return use(this.root);
    const row = await this.customerKeys.find(manager, ref, 'share');
    if (!row || row.status !== 'active') throw customerKeyUnavailable(ref, accountName);
    const key = this.openCustomerKey(ref, row.wrapped);
    try {
      return use(key);
    } finally {
      key.destroy();
    }
  }

  /** Stored material that does not authenticate is not the caller's fault: a wrong root key or an altered row (500, logged). */
  private integrity<T>(what: string, unwrap: () => T): T {
    try {
      return unwrap();
    } catch (error) {
      if (error instanceof DecryptionFailed)
        throw new Error(`${what} does not authenticate under its wrapping key: the root key is not the one it was stored with, or the row was altered`);
      throw error;
    }
  }
}
