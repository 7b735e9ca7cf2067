import { CreateReplicationQueue1765000000100 } from './migrations/1765000000100-create-replication-queue';

/** The queue's table, in the service's migrations. */
export const queueMigrations = [CreateReplicationQueue1765000000100];
