import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  initialState,
  type FeatureState,
  type ProviderState,
  type SubscriptionRegistration,
} from '../domain/subscription-registration';

export interface RegistrationRecord {
  readonly subscriptionId: string;
  readonly registration: SubscriptionRegistration;
}

interface Row {
  subscription_id: string;
  provider_state: ProviderState;
  feature_state: FeatureState;
  requested_at: Date | null;
  registered_at: Date | null;
  rejection_reason: string | null;
  rejected_at: Date | null;
}

const toRegistration = (row: Row): SubscriptionRegistration => ({
  provider: row.provider_state,
  feature: row.feature_state,
  ...(row.requested_at && { requestedAt: row.requested_at.toISOString() }),
  ...(row.registered_at && { registeredAt: row.registered_at.toISOString() }),
  ...(row.rejection_reason && row.rejected_at && { rejection: { reason: row.rejection_reason, at: row.rejected_at.toISOString() } }),
});

/**
 * The read model GETs answer from: the state of each subscription's stream,
 * written by handleCommand's project hook in the append's transaction.
 */
@Injectable()
export class SubscriptionRegistrationView {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** A subscription never seen has nothing registered. */
  async find(subscriptionId: string): Promise<SubscriptionRegistration> {
    const [row]: Row[] = await this.db.query(`SELECT * FROM subscription_registrations WHERE subscription_id = $1`, [subscriptionId]);
    return row ? toRegistration(row) : initialState();
  }

  /** Oldest requests first; `state` narrows to one feature state. */
  async list({ state, top }: { state?: FeatureState; top: number }): Promise<RegistrationRecord[]> {
    const rows: Row[] = await this.db.query(
      `SELECT * FROM subscription_registrations
        WHERE $1::text IS NULL OR feature_state = $1
        ORDER BY requested_at NULLS LAST, subscription_id LIMIT $2`,
      [state ?? null, top],
    );
    return rows.map((row) => ({ subscriptionId: row.subscription_id, registration: toRegistration(row) }));
  }

  /** Subscriptions whose feature request has been pending since before `requestedBefore`, oldest first. */
  async pendingSince(requestedBefore: Date, limit: number): Promise<string[]> {
    const rows: Array<{ subscription_id: string }> = await this.db.query(
      `SELECT subscription_id FROM subscription_registrations
        WHERE feature_state = 'Pending' AND requested_at <= $1
        ORDER BY requested_at LIMIT $2`,
      [requestedBefore, limit],
    );
    return rows.map((r) => r.subscription_id);
  }

  /** Writes a subscription's state in the caller's transaction. */
  async save(subscriptionId: string, state: SubscriptionRegistration, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO subscription_registrations
         (subscription_id, provider_state, feature_state, requested_at, registered_at, rejection_reason, rejected_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (subscription_id) DO UPDATE SET
         provider_state = $2, feature_state = $3, requested_at = $4, registered_at = $5,
         rejection_reason = $6, rejected_at = $7, updated_at = now()`,
      [
        subscriptionId,
        state.provider,
        state.feature,
        state.requestedAt ?? null,
        state.registeredAt ?? null,
        state.rejection?.reason ?? null,
        state.rejection?.at ?? null,
      ],
    );
  }
}
