import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerKeyRef } from '../key-ring/domain/customer-key';

export interface CustomerKeyRow {
  readonly ref: CustomerKeyRef;
  /** The imported key under the root key (customerKeyBinding). */
  readonly wrapped: Buffer;
  readonly status: 'active' | 'revoked';
  readonly importedAt: Date;
  readonly statusChangedAt: Date;
}

interface Row {
  vault_name: string;
  key_name: string;
  key_version: string;
  wrapped: Buffer;
  status: 'active' | 'revoked';
  imported_at: Date;
  status_changed_at: Date;
}

const toCustomerKey = (row: Row): CustomerKeyRow => ({
  ref: { vaultName: row.vault_name, keyName: row.key_name, keyVersion: row.key_version },
  wrapped: row.wrapped,
  status: row.status,
  importedAt: row.imported_at,
  statusChangedAt: row.status_changed_at,
});

/** Table customer_keys: the vault stand-in's key versions, each wrapped by the root key. */
@Injectable()
export class CustomerKeyStore {
  /**
   * `lock: 'share'` keeps the status from changing until the caller's
   * transaction ends (a ring being wrapped under the key); 'update' is the
   * vault operation changing it.
   */
  async find(manager: EntityManager, ref: CustomerKeyRef, lock?: 'share' | 'update'): Promise<CustomerKeyRow | undefined> {
    const rows: Row[] = await manager.query(
      `SELECT * FROM customer_keys WHERE vault_name = $1 AND key_name = $2 AND key_version = $3
       ${lock === 'share' ? 'FOR SHARE' : lock === 'update' ? 'FOR UPDATE' : ''}`,
      [ref.vaultName, ref.keyName, ref.keyVersion],
    );
    return rows[0] && toCustomerKey(rows[0]);
  }

  /** Inserts a new key version; false if that version already exists (key versions are immutable). */
  async insert(manager: EntityManager, ref: CustomerKeyRef, wrapped: Buffer, now: Date): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO customer_keys (vault_name, key_name, key_version, wrapped, status, imported_at, status_changed_at)
       VALUES ($1, $2, $3, $4, 'active', $5, $5) ON CONFLICT DO NOTHING RETURNING key_version`,
      [ref.vaultName, ref.keyName, ref.keyVersion, wrapped, now],
    );
    return inserted.length === 1;
  }

  /** Every key version, locked until the caller's transaction ends (they are about to be re-wrapped). */
  async lockAll(manager: EntityManager): Promise<CustomerKeyRow[]> {
    const rows: Row[] = await manager.query(`SELECT * FROM customer_keys ORDER BY vault_name, key_name, key_version FOR UPDATE`);
    return rows.map(toCustomerKey);
  }

  async replaceWrapped(manager: EntityManager, ref: CustomerKeyRef, wrapped: Buffer): Promise<void> {
    await manager.query(`UPDATE customer_keys SET wrapped = $4 WHERE vault_name = $1 AND key_name = $2 AND key_version = $3`, [
      ref.vaultName,
      ref.keyName,
      ref.keyVersion,
      wrapped,
    ]);
  }

  async setStatus(manager: EntityManager, ref: CustomerKeyRef, status: 'active' | 'revoked', now: Date): Promise<void> {
    await manager.query(
      `UPDATE customer_keys SET status = $4, status_changed_at = $5
        WHERE vault_name = $1 AND key_name = $2 AND key_version = $3 AND status <> $4`,
      [ref.vaultName, ref.keyName, ref.keyVersion, status, now],
    );
  }
}
