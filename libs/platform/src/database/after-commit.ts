import type { DataSource } from 'typeorm';

/**
 * Calls `listener` after every transaction this process commits on
 * `dataSource` (TypeORM's AfterTransactionCommit), so a poller (an outbox
 * relay, a queue's workers) can wake when there may be new rows instead of
 * polling often. Returns what stops it.
 */
export const afterEveryCommit = (dataSource: DataSource, listener: () => void): (() => void) => {
  const subscriber = { afterTransactionCommit: listener };
  dataSource.subscribers.push(subscriber);
  return () => {
    const at = dataSource.subscribers.indexOf(subscriber);
    if (at >= 0) dataSource.subscribers.splice(at, 1);
  };
};
