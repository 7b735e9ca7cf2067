import { z } from 'zod';

export const subscriptionId = z.string().min(1).max(64);
export const timestamp = z.iso.datetime({ offset: true });
export const storageAccountName = z.string().regex(/^[a-z0-9]{3,24}$/, '3-24 lowercase letters and digits');

/** Where an account's key-encryption keys are protected: Microsoft's keys, or the customer's key in a Key Vault. */
export const keySources = ['Microsoft.Storage', 'Microsoft.Keyvault'] as const;

/** A customer-managed key as the account names it (Azure's keyvaultproperties). Names a key; never holds one. */
export const keyVaultKeySchema = z.object({
  keyVaultUri: z.url({ protocol: /^https$/ }),
  keyName: z.string().min(1),
  keyVersion: z.string().min(1),
});

export type KeySource = (typeof keySources)[number];
export type KeyVaultKey = z.infer<typeof keyVaultKeySchema>;
