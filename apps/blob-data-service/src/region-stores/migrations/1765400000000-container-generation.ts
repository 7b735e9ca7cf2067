import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A container's generation: drawn when it is created and kept by changes
 * to it (Set Container Metadata), so a secondary store tells a changed
 * container, updated in place with its blobs kept, from one deleted and
 * created again, which it drops with its blobs (docs/adr/0007). NULL for
 * containers created before: a secondary treats those as it did before,
 * dropping and creating the container on any change.
 */
export class ContainerGeneration1765400000000 implements MigrationInterface {
  name = 'ContainerGeneration1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE containers ADD COLUMN generation uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE containers DROP COLUMN generation`);
  }
}
