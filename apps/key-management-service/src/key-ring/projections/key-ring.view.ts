import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { customerKeyRefOf, type CustomerKeyRef } from '../domain/customer-key';
import type { KeyRing, KekVersion, PublicKeyRing } from '../domain/key-ring';

interface Row {
  account_name: string;
  subscription_id: string;
  resource_group: string;
  current_version: number;
  versions: KekVersion[];
  key_vault_uri: string | null;
  key_name: string | null;
  key_version: string | null;
  revoked: boolean;
}

/**
 * Table key_rings: each ring as its stream last left it, written in the
 * append's transaction. GET encryptionKeys answers from it, the data-key
 * path reads its current version, and revocation finds the rings of a key here.
 */
@Injectable()
export class KeyRingViews {
  constructor(private readonly dataSource: DataSource) {}

  async save(manager: EntityManager, accountName: string, ring: KeyRing, streamVersion: number, now: Date): Promise<void> {
    if (!ring.account) {
      await manager.query(`DELETE FROM key_rings WHERE account_name = $1`, [accountName]);
      return;
    }
    const key = ring.customerKey;
    const ref: Partial<CustomerKeyRef> = key ? customerKeyRefOf(key) : {};
    await manager.query(
      `INSERT INTO key_rings (account_name, subscription_id, resource_group, current_version, versions,
                              key_vault_uri, vault_name, key_name, key_version, revoked, stream_version, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (account_name) DO UPDATE SET
         subscription_id = $2, resource_group = $3, current_version = $4, versions = $5::jsonb, key_vault_uri = $6,
         vault_name = $7, key_name = $8, key_version = $9, revoked = $10, stream_version = $11, updated_at = $12`,
      [
        accountName,
        ring.account.subscriptionId,
        ring.account.resourceGroup,
        ring.currentVersion,
        JSON.stringify(ring.versions),
        key?.keyVaultUri ?? null,
        ref.vaultName ?? null,
        ref.keyName ?? null,
        ref.keyVersion ?? null,
        ring.revoked,
        streamVersion,
        now,
      ],
    );
  }

  /** The ring of an account as the view has it (what GET encryptionKeys shows). */
  async find(accountName: string): Promise<PublicKeyRing | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT account_name, subscription_id, resource_group, current_version, versions, key_vault_uri, key_name, key_version, revoked
         FROM key_rings WHERE account_name = $1`,
      [accountName],
    );
    const row = rows[0];
    if (!row) return undefined;
    const customerKey =
      row.key_vault_uri && row.key_name && row.key_version
        ? { keyVaultUri: row.key_vault_uri, keyName: row.key_name, keyVersion: row.key_version }
        : undefined;
    return {
      account: { subscriptionId: row.subscription_id, resourceGroup: row.resource_group, accountName: row.account_name },
      versions: row.versions,
      currentVersion: row.current_version,
      lastVersion: Math.max(...row.versions.map((v) => v.version)),
      customerKey,
      revoked: row.revoked,
    };
  }

  /** Accounts whose ring is (or was just) protected by a customer key. */
  async accountsUsing(ref: CustomerKeyRef): Promise<string[]> {
    const rows: Array<{ account_name: string }> = await this.dataSource.query(
      `SELECT account_name FROM key_rings WHERE vault_name = $1 AND key_name = $2 AND key_version = $3 ORDER BY account_name`,
      [ref.vaultName, ref.keyName, ref.keyVersion],
    );
    return rows.map((row) => row.account_name);
  }
}
