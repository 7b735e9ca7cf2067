import { KEY_BYTES } from '@atrest/crypto';
import { z } from 'zod';

/** {key: base64 of the 32 bytes}: the customer's AES-256 key, as a vault import would carry it. */
export const importCustomerKeySchema = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64')
    .transform((value) => Buffer.from(value, 'base64'))
    .refine((bytes) => bytes.length === KEY_BYTES, { error: `must be base64 of exactly ${KEY_BYTES} bytes` }),
});
