import type { TestContext } from '@atrest/testing';
// The consistency contract is between two services, so its specs run both in one process.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test harness only; services never import each other
import { startBlobService } from '../../../blob-data-service/src/testing/blob-service.fixture';
import type { RunningService } from './service-harness';

/** blob-data-service in-process on the spec's context (its own fixture: no key service behind it, none is needed here). */
export const startBlobDataService = async (ctx: TestContext): Promise<RunningService> => {
  const blobs = await startBlobService('blob-data-service', { ctx });
  return { url: blobs.base, db: blobs.db, close: () => blobs.close() };
};

/** The data plane's encryption state for an account, as a blob write would read it. */
export const dataPlaneState = async (blobs: RunningService, accountName: string): Promise<{ enabled: boolean; version: number } | undefined> => {
  const rows: Array<{ enabled: boolean; version: number }> = await blobs.db.query(
    `SELECT enabled, account_stream_version AS version FROM account_encryption_state WHERE account_name = $1`,
    [accountName],
  );
  return rows[0];
};
