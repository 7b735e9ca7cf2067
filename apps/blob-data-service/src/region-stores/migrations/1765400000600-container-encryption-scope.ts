import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a container denies its blobs an encryption scope other than its
 * default (x-ms-deny-encryption-scope-override on Create Container), kept
 * so Get Container Properties and List Containers answer what was asked.
 * The default scope is always the account's own ($account-encryption-key),
 * so it needs no column. Existing containers deny nothing.
 */
export class ContainerEncryptionScope1765400000600 implements MigrationInterface {
  name = 'ContainerEncryptionScope1765400000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE containers ADD COLUMN deny_encryption_scope_override boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE containers DROP COLUMN deny_encryption_scope_override`);
  }
}
