import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model of subscription registrations: one row per subscription, written with its events. */
export class CreateSubscriptionRegistrations1764500000000 implements MigrationInterface {
  name = 'CreateSubscriptionRegistrations1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE subscription_registrations (
        subscription_id text PRIMARY KEY,
        provider_state text NOT NULL,
        feature_state text NOT NULL,
        requested_at timestamptz,
        registered_at timestamptz,
        rejection_reason text,
        rejected_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The auto-approval policy polls the oldest pending requests; operators list by state.
    await runner.query(
      `CREATE INDEX subscription_registrations_pending ON subscription_registrations (requested_at) WHERE feature_state = 'Pending'`,
    );
    await runner.query(`CREATE INDEX subscription_registrations_by_state ON subscription_registrations (feature_state, requested_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE subscription_registrations`);
  }
}
