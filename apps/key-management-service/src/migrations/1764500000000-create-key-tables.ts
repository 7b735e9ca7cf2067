import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key service's own tables. Key material appears only wrapped:
 * key_encryption_keys under the root key or a customer key, customer_keys
 * under the root key. The root key itself is never stored; root_key_check
 * holds one message sealed under it, so a start with a different root key is
 * refused instead of failing every request.
 */
export class CreateKeyTables1764500000000 implements MigrationInterface {
  name = 'CreateKeyTables1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE root_key_check (
        id int PRIMARY KEY CHECK (id = 1),
        nonce bytea NOT NULL,
        ciphertext bytea NOT NULL,
        tag bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE customer_keys (
        vault_name text NOT NULL,
        key_name text NOT NULL,
        key_version text NOT NULL,
        wrapped bytea NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'revoked')),
        imported_at timestamptz NOT NULL,
        status_changed_at timestamptz NOT NULL,
        PRIMARY KEY (vault_name, key_name, key_version)
      )`);
    // A KEK row names the customer key that wraps it (all three NULL: the root key).
    await runner.query(`
      CREATE TABLE key_encryption_keys (
        account_name text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        wrapped bytea NOT NULL,
        vault_name text,
        key_name text,
        key_version text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (account_name, version),
        FOREIGN KEY (vault_name, key_name, key_version) REFERENCES customer_keys (vault_name, key_name, key_version)
      )`);
    // Read model of the key-ring streams: GET encryptionKeys and the data-key path read it.
    await runner.query(`
      CREATE TABLE key_rings (
        account_name text PRIMARY KEY,
        subscription_id text NOT NULL,
        resource_group text NOT NULL,
        current_version int NOT NULL,
        versions jsonb NOT NULL,
        key_vault_uri text,
        vault_name text,
        key_name text,
        key_version text,
        revoked boolean NOT NULL DEFAULT false,
        stream_version int NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX key_rings_by_customer_key ON key_rings (vault_name, key_name, key_version) WHERE vault_name IS NOT NULL`);
    await runner.query(`
      CREATE TABLE key_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        client text NOT NULL,
        operation text NOT NULL,
        account_name text NOT NULL,
        kek_version int,
        key_id uuid,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        reason text,
        request_id text
      )`);
    await runner.query(`CREATE INDEX key_audit_by_account ON key_audit (account_name, at, id)`);
    await runner.query(`CREATE INDEX key_audit_by_time ON key_audit (at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['key_audit', 'key_rings', 'key_encryption_keys', 'customer_keys', 'root_key_check'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
