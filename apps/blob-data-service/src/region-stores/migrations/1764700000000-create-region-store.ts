import type { MigrationInterface, QueryRunner } from 'typeorm';

// The columns that name a container, and a blob within it. The account
// incarnation (stream version of its StorageAccountCreated) keeps a re-created
// account name from seeing an earlier owner's data.
const CONTAINER_KEY = `account_name text NOT NULL, account_incarnation integer NOT NULL, container_name text COLLATE "C" NOT NULL`;
const BLOB_KEY = `${CONTAINER_KEY}, blob_name text COLLATE "C" NOT NULL`;
const CONTAINER_COLUMNS = 'account_name, account_incarnation, container_name';
const BLOB_COLUMNS = `${CONTAINER_COLUMNS}, blob_name`;

/**
 * One region's blob store (docs/adr/0006-encrypted-extent-store.md): data
 * keys (wrapped), extents of 64 KiB packages, containers, blobs and their
 * layouts, and the per-blob event sequence. Names sort byte-wise (COLLATE
 * "C"), as Azure lists them.
 */
export class CreateRegionStore1764700000000 implements MigrationInterface {
  name = 'CreateRegionStore1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE data_keys (
        key_id uuid PRIMARY KEY,
        account_name text NOT NULL,
        wrapped_key text NOT NULL,
        kek_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX data_keys_by_version ON data_keys (account_name, kek_version)`);
    await runner.query(`
      CREATE TABLE extents (
        id uuid PRIMARY KEY,
        region text NOT NULL,
        account_name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('data', 'metadata')),
        size integer NOT NULL CHECK (size BETWEEN 0 AND 4194304),
        encrypted boolean NOT NULL,
        data_key_id uuid REFERENCES data_keys (key_id),
        packages bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (encrypted = (data_key_id IS NOT NULL))
      )`);
    // Ciphertext does not compress; EXTERNAL lets substring() fetch only the TOAST chunks a range needs.
    await runner.query(`ALTER TABLE extents ALTER COLUMN packages SET STORAGE EXTERNAL`);
    await runner.query(`
      CREATE TABLE containers (
        ${CONTAINER_KEY},
        etag text NOT NULL,
        last_modified timestamptz NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (${CONTAINER_COLUMNS})
      )`);
    await runner.query(`
      CREATE TABLE blobs (
        ${BLOB_KEY},
        blob_type text NOT NULL CHECK (blob_type IN ('BlockBlob', 'AppendBlob', 'PageBlob')),
        size bigint NOT NULL CHECK (size >= 0),
        etag text NOT NULL,
        created_at timestamptz NOT NULL,
        last_modified timestamptz NOT NULL,
        content_type text,
        content_encoding text,
        content_language text,
        content_disposition text,
        cache_control text,
        content_md5 bytea,
        metadata_extent_id uuid REFERENCES extents (id),
        server_encrypted boolean NOT NULL,
        PRIMARY KEY (${BLOB_COLUMNS}),
        FOREIGN KEY (${CONTAINER_COLUMNS}) REFERENCES containers ON DELETE CASCADE
      )`);
    await runner.query(`
      CREATE TABLE blob_blocks (
        ${BLOB_KEY},
        ordinal integer NOT NULL,
        block_id text,
        blob_offset bigint NOT NULL,
        size bigint NOT NULL,
        extent_ids uuid[] NOT NULL,
        PRIMARY KEY (${BLOB_COLUMNS}, ordinal),
        FOREIGN KEY (${BLOB_COLUMNS}) REFERENCES blobs ON DELETE CASCADE
      )`);
    await runner.query(`CREATE INDEX blob_blocks_by_offset ON blob_blocks (${BLOB_COLUMNS}, blob_offset)`);
    await runner.query(`
      CREATE TABLE staged_blocks (
        ${BLOB_KEY},
        block_id text NOT NULL,
        size bigint NOT NULL,
        extent_ids uuid[] NOT NULL,
        staged_at timestamptz NOT NULL,
        PRIMARY KEY (${BLOB_COLUMNS}, block_id),
        FOREIGN KEY (${CONTAINER_COLUMNS}) REFERENCES containers ON DELETE CASCADE
      )`);
    await runner.query(`
      CREATE TABLE page_ranges (
        ${BLOB_KEY},
        start_offset bigint NOT NULL,
        end_offset bigint NOT NULL CHECK (end_offset > start_offset),
        extent_id uuid NOT NULL REFERENCES extents (id),
        extent_offset integer NOT NULL,
        PRIMARY KEY (${BLOB_COLUMNS}, start_offset),
        FOREIGN KEY (${BLOB_COLUMNS}) REFERENCES blobs ON DELETE CASCADE
      )`);
    await runner.query(`CREATE TABLE blob_streams (stream_id text PRIMARY KEY, version integer NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['blob_streams', 'page_ranges', 'staged_blocks', 'blob_blocks', 'blobs', 'containers', 'extents', 'data_keys'])
      await runner.query(`DROP TABLE ${table}`);
  }
}
