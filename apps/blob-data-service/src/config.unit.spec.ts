import { ConfigError, loadConfig } from '@atrest/platform';
import { configSchema } from './config';
import { regionDatabaseUrl, regionTemplateOf } from './region-stores/region-database-url';

const base = {
  DATABASE_URL: 'postgres://postgres:s3cret@db:5432/atrest_blobs?sslmode=disable',
  KAFKA_BROKERS: '127.0.0.1:9092',
  KMS_URL: 'http://127.0.0.1:7103',
  KMS_CLIENT_SECRET: 'a-client-secret-of-at-least-32-characters',
  EXTENT_DATA_DIR: '/var/lib/atrest/extents',
};
const problems = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(configSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('blob-data-service settings', () => {
  it('derives the region stores from the main database unless a template is given', () => {
    const config = loadConfig(configSchema, base);
    expect(regionDatabaseUrl(regionTemplateOf(config), 'eastus')).toBe('postgres://postgres:s3cret@db:5432/atrest_blobs_eastus?sslmode=disable');
    const templated = loadConfig(configSchema, { ...base, REGION_DATABASE_URL_TEMPLATE: 'postgres://postgres@other:5432/blobs_{region}' });
    expect(regionDatabaseUrl(regionTemplateOf(templated), 'westeurope')).toBe('postgres://postgres@other:5432/blobs_westeurope');
    expect(() => regionDatabaseUrl(regionTemplateOf(templated), 'east us; drop')).toThrow(RangeError);
  });

  it('has the documented defaults', () => {
    expect(loadConfig(configSchema, base)).toMatchObject({ PORT: 7104, KMS_TIMEOUT_MS: 5000, DEK_CACHE_TTL_SECONDS: 60, DEK_CACHE_MAX_ENTRIES: 4096, BLOB_ENDPOINT_BASE: 'http://127.0.0.1:10000' });
  });

  it('names each bad setting', () => {
    expect(problems({ ...base, REGION_DATABASE_URL_TEMPLATE: 'postgres://db/atrest_blobs' })).toEqual([
      'REGION_DATABASE_URL_TEMPLATE: must be a postgres://user@host:port/database URL with {region} in the database name',
    ]);
    const { KMS_URL: _url, KMS_CLIENT_SECRET: _secret, ...withoutKms } = base;
    expect(problems(withoutKms).map((p) => p.split(':')[0])).toEqual(['KMS_URL', 'KMS_CLIENT_SECRET']);
    expect(problems({ ...base, KMS_CLIENT_SECRET: 'short' })).toEqual(['KMS_CLIENT_SECRET: must be at least 32 characters']);
    expect(problems({ ...base, DEK_CACHE_TTL_SECONDS: '0' })).toHaveLength(1);
    const { EXTENT_DATA_DIR: _dir, ...withoutExtentDir } = base;
    expect(problems(withoutExtentDir).map((p) => p.split(':')[0])).toEqual(['EXTENT_DATA_DIR']);
    expect(problems({ ...base, EXTENT_DATA_DIR: '  ' })).toEqual(['EXTENT_DATA_DIR: must name a folder for the extent files, e.g. /var/lib/atrest/extents']);
  });
});
