import { z } from 'zod';

/** Operator body: the Resource Manager group (of the account's subscription) to move into; it must exist. */
export const migrateClassicAccountSchema = z.object({ resourceGroup: z.string().min(1) });
