import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CustomerKeyRef } from '../key-ring/domain/customer-key';

export interface KekRow {
  readonly accountName: string;
  readonly version: number;
  /** The KEK under its wrapping key (kekBinding). */
  readonly wrapped: Buffer;
  /** The customer key wrapping it; undefined: the root key. */
  readonly wrappedBy?: CustomerKeyRef;
}

interface Row {
  account_name: string;
  version: number;
  wrapped: Buffer;
  vault_name: string | null;
  key_name: string | null;
  key_version: string | null;
}

export const wrappedByOf = (row: Pick<Row, 'vault_name' | 'key_name' | 'key_version'>): CustomerKeyRef | undefined =>
  row.vault_name && row.key_name && row.key_version
    ? { vaultName: row.vault_name, keyName: row.key_name, keyVersion: row.key_version }
    : undefined;

/** Table key_encryption_keys: every account's KEK versions, only ever stored wrapped. */
@Injectable()
export class KekStore {
  async insert(manager: EntityManager, kek: KekRow, createdAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO key_encryption_keys (account_name, version, wrapped, vault_name, key_name, key_version, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [kek.accountName, kek.version, kek.wrapped, ...this.wrappedByColumns(kek.wrappedBy), createdAt],
    );
  }

  /** Every version of an account, locked until the caller's transaction ends (they are about to be re-wrapped). */
  async lockAll(manager: EntityManager, accountName: string): Promise<KekRow[]> {
    const rows: Row[] = await manager.query(
      `SELECT account_name, version, wrapped, vault_name, key_name, key_version
         FROM key_encryption_keys WHERE account_name = $1 ORDER BY version FOR UPDATE`,
      [accountName],
    );
    return rows.map((row) => ({ accountName: row.account_name, version: row.version, wrapped: row.wrapped, wrappedBy: wrappedByOf(row) }));
  }

  /** Every KEK wrapped by the root key (of every account), locked until the caller's transaction ends. */
  async lockWrappedByRoot(manager: EntityManager): Promise<KekRow[]> {
    const rows: Row[] = await manager.query(
      `SELECT account_name, version, wrapped, vault_name, key_name, key_version
         FROM key_encryption_keys WHERE vault_name IS NULL ORDER BY account_name, version FOR UPDATE`,
    );
    return rows.map((row) => ({ accountName: row.account_name, version: row.version, wrapped: row.wrapped }));
  }

  async replace(manager: EntityManager, kek: KekRow): Promise<void> {
    await manager.query(
      `UPDATE key_encryption_keys SET wrapped = $3, vault_name = $4, key_name = $5, key_version = $6
        WHERE account_name = $1 AND version = $2`,
      [kek.accountName, kek.version, kek.wrapped, ...this.wrappedByColumns(kek.wrappedBy)],
    );
  }

  async deleteAll(manager: EntityManager, accountName: string): Promise<void> {
    await manager.query(`DELETE FROM key_encryption_keys WHERE account_name = $1`, [accountName]);
  }

  private wrappedByColumns(ref?: CustomerKeyRef): Array<string | null> {
    return [ref?.vaultName ?? null, ref?.keyName ?? null, ref?.keyVersion ?? null];
  }
}
