import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A container's stored access policies (Set Container ACL: at most five
 * signed identifiers, each with optional start, expiry and permissions),
 * which a service SAS may refer to by id (si). Existing containers have none.
 */
export class ContainerAccessPolicies1765400000300 implements MigrationInterface {
  name = 'ContainerAccessPolicies1765400000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE containers ADD COLUMN access_policies jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE containers DROP COLUMN access_policies`);
  }
}
