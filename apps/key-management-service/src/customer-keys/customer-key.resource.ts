import { z } from 'zod';
import { customerKeyId, customerKeyRef, type CustomerKeyRef } from '../key-ring/domain/customer-key';
import type { CustomerKeyRow } from '../key-material/customer-key.store';

/** Path of one key version in the vault stand-in (operator only; the gateway exposes /operator to operator tokens). */
export const CUSTOMER_KEY_PATH = 'operator/keyvault/:vaultName/keys/:keyName/versions/:keyVersion';

const customerKeyParams = z.object({
  vaultName: z.string().regex(/^[A-Za-z0-9-]{3,24}$/, 'must be a vault name: 3-24 letters, digits and hyphens'),
  keyName: z.string().regex(/^[A-Za-z0-9-]{1,127}$/, 'must be 1-127 letters, digits and hyphens'),
  keyVersion: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'must be a key version (letters and digits)'),
});

export const customerKeyParamsSchema = customerKeyParams.transform(({ vaultName, keyName, keyVersion }): CustomerKeyRef =>
  customerKeyRef(vaultName, keyName, keyVersion),
);

export interface CustomerKeyResource {
  kid: string;
  vaultName: string;
  keyName: string;
  keyVersion: string;
  status: 'active' | 'revoked';
  importedAt: string;
  statusChangedAt: string;
}

/** A vault key version as the operator sees it: identity and status, never the material. */
export const customerKeyResource = (row: CustomerKeyRow): CustomerKeyResource => ({
  kid: customerKeyId(row.ref),
  ...row.ref,
  status: row.status,
  importedAt: row.importedAt.toISOString(),
  statusChangedAt: row.statusChangedAt.toISOString(),
});
