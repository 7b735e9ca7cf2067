import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ResourceGroup, ResourceGroupState } from '../domain/resource-group';

const keysOf = (subscriptionId: string, name: string) => [subscriptionId.toLowerCase(), name.toLowerCase()];

/** Table resource_groups: one row per existing group, written with its events. */
@Injectable()
export class ResourceGroupsView {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async save(manager: EntityManager, subscriptionId: string, name: string, state: ResourceGroupState): Promise<void> {
    if (!state) {
      await manager.query(`DELETE FROM resource_groups WHERE subscription_key = $1 AND name_key = $2`, keysOf(subscriptionId, name));
      return;
    }
    await manager.query(
      `INSERT INTO resource_groups (subscription_key, name_key, state) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (subscription_key, name_key) DO UPDATE SET state = EXCLUDED.state`,
      [...keysOf(subscriptionId, name), JSON.stringify(state)],
    );
  }

  async find(subscriptionId: string, name: string): Promise<ResourceGroup | undefined> {
    const rows: Array<{ state: ResourceGroup }> = await this.db.query(
      `SELECT state FROM resource_groups WHERE subscription_key = $1 AND name_key = $2`,
      keysOf(subscriptionId, name),
    );
    return rows[0]?.state;
  }

  async list(subscriptionId: string): Promise<ResourceGroup[]> {
    const rows: Array<{ state: ResourceGroup }> = await this.db.query(
      `SELECT state FROM resource_groups WHERE subscription_key = $1 ORDER BY name_key`,
      [subscriptionId.toLowerCase()],
    );
    return rows.map((r) => r.state);
  }

  /**
   * The storage accounts still in a group, with the group's row locked until
   * the transaction ends: an account being created in it waits, then finds
   * the group gone (its foreign key), so no account outlives its group.
   */
  async lockAndListAccounts(manager: EntityManager, subscriptionId: string, name: string): Promise<string[]> {
    const keys = keysOf(subscriptionId, name);
    await manager.query(`SELECT 1 FROM resource_groups WHERE subscription_key = $1 AND name_key = $2 FOR UPDATE`, keys);
    const rows: Array<{ name: string }> = await manager.query(
      `SELECT name FROM storage_accounts WHERE subscription_key = $1 AND resource_group_key = $2 ORDER BY name`,
      keys,
    );
    return rows.map((r) => r.name);
  }
}
