import type { AccessTier } from '@atrest/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountCache } from './account-cache';
import type { DataPlaneAccount } from './data-plane-account';

interface AccountRow {
  account_name: string;
  subscription_id: string;
  resource_group: string | null;
  region: string;
  sku: string;
  kind: string;
  enabled: boolean;
  incarnation: number;
  revoked: boolean | null;
  geo_failover_pending: boolean;
  access_tier: AccessTier | null;
}

/**
 * The lookup every data-plane request starts with: the account as of the
 * moment the request arrived, so a write follows the encryption state of
 * that moment (docs/architecture.md, consistency contract). From the
 * AccountCache when it holds the account (every committed change evicts it
 * before the change can be acknowledged), else one indexed read of its row.
 */
@Injectable()
export class AccountDirectory {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AccountCache) private readonly cache: AccountCache,
  ) {}

  async find(name: string): Promise<DataPlaneAccount | undefined> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const mark = this.cache.mark();
    const account = await this.read(name);
    if (account) this.cache.keep(mark, account);
    return account;
  }

  private async read(name: string): Promise<DataPlaneAccount | undefined> {
    const [row]: AccountRow[] = await this.db.query(
      `SELECT a.account_name, a.subscription_id, a.resource_group, a.region, a.sku, a.kind, a.enabled, a.incarnation, k.revoked, a.geo_failover_pending, a.access_tier
         FROM account_encryption_state a LEFT JOIN account_key_state k USING (account_name)
        WHERE a.account_name = $1 AND NOT a.deleted AND a.incarnation IS NOT NULL`,
      [name],
    );
    return (
      row && {
        name: row.account_name,
        subscriptionId: row.subscription_id,
        ...(row.resource_group ? { resourceGroup: row.resource_group } : {}),
        region: row.region,
        sku: row.sku,
        kind: row.kind,
        encryptionEnabled: row.enabled,
        incarnation: row.incarnation,
        keyRevoked: row.revoked === true,
        geoFailoverPending: row.geo_failover_pending,
        ...(row.access_tier ? { accessTier: row.access_tier } : {}),
      }
    );
  }

  /** The account is known only as deleted (its tombstone), not merely unknown (yet). */
  async isDeleted(name: string): Promise<boolean> {
    const [row]: Array<{ deleted: boolean }> = await this.db.query(`SELECT deleted FROM account_encryption_state WHERE account_name = $1`, [name]);
    return row?.deleted === true;
  }
}
