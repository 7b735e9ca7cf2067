import { z } from 'zod';

const VAULT_HOST = /^[a-z0-9](?:[a-z0-9-]{1,22}[a-z0-9])\.vault\.azure\.net$/i;

/** Azure's encryption.keyvaultproperties (api-version 2017-06-01 and later), with an optional keySource that must say Keyvault. */
export const configureCustomerManagedKeySchema = z.object({
  keySource: z
    .string()
    .refine((value) => value.toLowerCase() === 'microsoft.keyvault', { error: 'must be Microsoft.Keyvault' })
    .optional(),
  keyvaultproperties: z.object({
    keyname: z.string().regex(/^[A-Za-z0-9-]{1,127}$/, 'must be 1-127 letters, digits and hyphens'),
    keyversion: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'must be a key version (letters and digits)'),
    keyvaulturi: z
      .url({ protocol: /^https$/, error: 'must be an https URL' })
      .refine((uri) => VAULT_HOST.test(new URL(uri).hostname), { error: 'must be https://<vault name>.vault.azure.net' }),
  }),
});

export type ConfigureCustomerManagedKeyRequest = z.output<typeof configureCustomerManagedKeySchema>;
