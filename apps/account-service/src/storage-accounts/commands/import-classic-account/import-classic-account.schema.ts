import { z } from 'zod';
import { accountSettingsSchema } from '../../requests/account-settings.schema';

/** Operator body: the classic account's subscription plus ARM-shaped sku, kind (default Storage), location, tags. */
export const importClassicAccountSchema = accountSettingsSchema.pick({ sku: true, kind: true, location: true, tags: true }).extend({
  subscriptionId: z.string().min(1).max(64),
});
