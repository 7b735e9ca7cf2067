import type { TestContext } from '@atrest/testing';
// The consistency contract is between two services, so its specs run both in one process.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test harness only; services never import each other
import { AppModule as BlobDataServiceModule } from '../../../blob-data-service/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test harness only; services never import each other
import { configSchema as blobDataServiceConfig } from '../../../blob-data-service/src/config';
import { startService, type RunningService } from './service-harness';

export const startBlobDataService = (ctx: TestContext): Promise<RunningService> =>
  startService(ctx, {
    name: 'blob-data-service',
    database: 'blobs',
    configSchema: blobDataServiceConfig,
    createModule: (config) => BlobDataServiceModule.forRoot(config),
  });

/** The data plane's encryption state for an account, as a blob write would read it. */
export const dataPlaneState = async (blobs: RunningService, accountName: string): Promise<{ enabled: boolean; version: number } | undefined> => {
  const rows: Array<{ enabled: boolean; version: number }> = await blobs.db.query(
    `SELECT enabled, account_stream_version AS version FROM account_encryption_state WHERE account_name = $1`,
    [accountName],
  );
  return rows[0];
};
