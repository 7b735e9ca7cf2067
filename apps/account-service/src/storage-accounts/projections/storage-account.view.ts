import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@atrest/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { resourceGroupNotFound } from '../../resource-groups/domain/resource-group.errors';
import type { StorageAccount, StorageAccountState } from '../domain/storage-account';

export type ProvisioningState = 'Succeeded' | 'Updating';

export interface StorageAccountRecord {
  readonly account: StorageAccount;
  /**
   * Succeeded once the data plane has acknowledged the account's latest
   * encryption change (or there is none) and no key-source change awaits the
   * key service's answer; Updating until then.
   */
  readonly provisioningState: ProvisioningState;
}

const FOREIGN_KEY_VIOLATION = '23503';
const ENCRYPTION_EVENTS = new Set(['EncryptionEnabled', 'EncryptionDisabled']);

const SELECT_RECORD = `
  SELECT sa.state,
         CASE WHEN sa.encryption_version <= coalesce(ack.account_stream_version, 0) THEN 'Succeeded' ELSE 'Updating' END AS provisioning_state
    FROM storage_accounts sa LEFT JOIN data_plane_acks ack ON ack.account_name = sa.name`;

const toRecord = (row: { state: StorageAccount; provisioning_state: ProvisioningState }): StorageAccountRecord => ({
  account: row.state,
  provisioningState: row.state.encryption.keySourceRequest?.pending ? 'Updating' : row.provisioning_state,
});

/**
 * Table storage_accounts: one row per existing account, written with its
 * events. The primary key reserves the name globally; the foreign key to
 * resource_groups makes "the group exists" hold when the account commits.
 */
@Injectable()
export class StorageAccountsView {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async apply(manager: EntityManager, name: string, events: readonly EventEnvelope[], state: StorageAccountState): Promise<void> {
    if (!state) {
      await manager.query(`DELETE FROM storage_accounts WHERE name = $1`, [name]);
      return;
    }
    const encryptionVersion = events.filter((e) => ENCRYPTION_EVENTS.has(e.type)).at(-1)?.streamVersion ?? 0;
    try {
      await manager.query(
        `INSERT INTO storage_accounts (name, subscription_key, resource_group_key, state, stream_version, encryption_version)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6)
         ON CONFLICT (name) DO UPDATE SET
           subscription_key = EXCLUDED.subscription_key, resource_group_key = EXCLUDED.resource_group_key,
           state = EXCLUDED.state, stream_version = EXCLUDED.stream_version,
           encryption_version = greatest(storage_accounts.encryption_version, EXCLUDED.encryption_version)`,
        [
          name,
          state.subscriptionId.toLowerCase(),
          state.resourceGroup.toLowerCase(),
          JSON.stringify(state),
          events.at(-1)!.streamVersion,
          encryptionVersion,
        ],
      );
    } catch (error) {
      // The group was deleted while this account was being written into it.
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw resourceGroupNotFound(state.resourceGroup);
      throw error;
    }
  }

  async find(name: string): Promise<StorageAccountRecord | undefined> {
    const rows = await this.db.query(`${SELECT_RECORD} WHERE sa.name = $1`, [name.toLowerCase()]);
    return rows[0] && toRecord(rows[0]);
  }

  /** A subscription's accounts, or one group's when `resourceGroup` is given; by name. */
  async list(subscriptionId: string, resourceGroup?: string): Promise<StorageAccountRecord[]> {
    const rows =
      resourceGroup === undefined
        ? await this.db.query(`${SELECT_RECORD} WHERE sa.subscription_key = $1 ORDER BY sa.name`, [subscriptionId.toLowerCase()])
        : await this.db.query(`${SELECT_RECORD} WHERE sa.subscription_key = $1 AND sa.resource_group_key = $2 ORDER BY sa.name`, [
            subscriptionId.toLowerCase(),
            resourceGroup.toLowerCase(),
          ]);
    return rows.map(toRecord);
  }
}
