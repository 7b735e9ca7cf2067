import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeatureRegistration } from '../storage-accounts/domain/storage-account.commands';

const featureKey = (providerNamespace: string, featureName: string) => `${providerNamespace}/${featureName}`.toLowerCase();

/** Table feature_registrations: each subscription's state per preview feature, as feature events told it. */
@Injectable()
export class FeatureRegistrationsView {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async record(
    manager: EntityManager,
    feature: { subscriptionId: string; providerNamespace: string; featureName: string },
    state: string,
    approvedAt: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO feature_registrations (subscription_key, feature_key, state, approved_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subscription_key, feature_key) DO UPDATE SET state = EXCLUDED.state, approved_at = EXCLUDED.approved_at`,
      [feature.subscriptionId.toLowerCase(), featureKey(feature.providerNamespace, feature.featureName), state, approvedAt],
    );
  }

  async find(subscriptionId: string, providerNamespace: string, featureName: string): Promise<FeatureRegistration | undefined> {
    const rows: Array<{ state: string; approved_at: Date | null }> = await this.db.query(
      `SELECT state, approved_at FROM feature_registrations WHERE subscription_key = $1 AND feature_key = $2`,
      [subscriptionId.toLowerCase(), featureKey(providerNamespace, featureName)],
    );
    const row = rows[0];
    return row && { state: row.state, ...(row.approved_at && { approvedAt: row.approved_at.toISOString() }) };
  }
}
