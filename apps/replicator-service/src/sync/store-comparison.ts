import type { DataSource } from 'typeorm';
import type { ReplicatedAccount } from '../accounts/replicated-accounts.repository';
import type { SyncState } from '../blob-data/blob-data.client';
import { parseStreamId } from '../changes/stream-ref';
import { enqueueChange } from '../queue/replication-queue.repository';

/**
 * Puts every stream a comparison found behind into the queue ("committed
 * before the comparison" as its time): what an event has not announced
 * yet, or never will, is copied too.
 */
export const enqueueBehind = async (db: DataSource, account: ReplicatedAccount, state: SyncState): Promise<void> => {
  const checkedAt = new Date(state.checkedAt);
  await db.transaction(async (manager) => {
    for (const lag of state.behind) {
      const stream = parseStreamId(lag.streamId);
      if (stream && stream.account === account.name) await enqueueChange(manager, stream, lag.primaryVersion, checkedAt);
    }
  });
};
