import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * account-service's read models, all written in the transaction of the event
 * (or consumed message) that changes them:
 * - resource_groups / storage_accounts: what GETs answer. An account row is
 *   also the global reservation of its name (primary key), and refers to its
 *   group, so a group with accounts cannot disappear under them.
 * - storage_account_keys: key1/key2, only here (never in events, Kafka or logs).
 * - feature_registrations: the subscriptions' feature state, from atrest.features.
 * - data_plane_acks: how far the data plane has applied each account's stream, from atrest.blobs.
 */
export class CreateAccountViews1764600000000 implements MigrationInterface {
  name = 'CreateAccountViews1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE resource_groups (
        subscription_key text NOT NULL,
        name_key text NOT NULL,
        state jsonb NOT NULL,
        PRIMARY KEY (subscription_key, name_key)
      )`);
    await runner.query(`
      CREATE TABLE storage_accounts (
        name text PRIMARY KEY,
        subscription_key text NOT NULL,
        resource_group_key text NOT NULL,
        state jsonb NOT NULL,
        stream_version integer NOT NULL,
        encryption_version integer NOT NULL DEFAULT 0,
        FOREIGN KEY (subscription_key, resource_group_key) REFERENCES resource_groups (subscription_key, name_key)
      )`);
    await runner.query(`CREATE INDEX storage_accounts_by_group ON storage_accounts (subscription_key, resource_group_key)`);
    await runner.query(`
      CREATE TABLE storage_account_keys (
        account_name text PRIMARY KEY REFERENCES storage_accounts (name) ON DELETE CASCADE,
        key1 text NOT NULL,
        key2 text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE feature_registrations (
        subscription_key text NOT NULL,
        feature_key text NOT NULL,
        state text NOT NULL,
        approved_at timestamptz,
        PRIMARY KEY (subscription_key, feature_key)
      )`);
    await runner.query(`
      CREATE TABLE data_plane_acks (
        account_name text PRIMARY KEY,
        account_stream_version integer NOT NULL,
        encryption_enabled boolean NOT NULL,
        applied_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['data_plane_acks', 'feature_registrations', 'storage_account_keys', 'storage_accounts', 'resource_groups'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
