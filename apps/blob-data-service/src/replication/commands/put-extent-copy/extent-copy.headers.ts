import { z } from 'zod';
import { DomainError } from '@atrest/contracts';
import { EXTENT_BYTES } from '../../../extents/package-format';

// The x-atrest-extent-* headers of GET /internal/regions/{region}/extents/{id}
// (extents/queries/get-extent), sent back unchanged with the copied bytes.

const uuid = z.uuid();
const headersSchema = z
  .object({
    'x-atrest-extent-account': z.string().regex(/^[a-z0-9]{3,24}$/),
    'x-atrest-extent-kind': z.enum(['data', 'metadata']),
    'x-atrest-extent-size': z.coerce.number().int().min(0).max(EXTENT_BYTES),
    'x-atrest-extent-encrypted': z.enum(['true', 'false']).transform((v) => v === 'true'),
    'x-atrest-extent-key-id': uuid.optional(),
    'x-atrest-extent-wrapped-key': z.string().min(1).optional(),
    'x-atrest-extent-kek-version': z.coerce.number().int().positive().optional(),
  })
  .refine((h) => h['x-atrest-extent-encrypted'] === (h['x-atrest-extent-key-id'] !== undefined), {
    message: 'an encrypted extent names its data key (key id, wrapped key, KEK version), a plain one none',
  })
  .refine((h) => (h['x-atrest-extent-key-id'] === undefined) === (h['x-atrest-extent-wrapped-key'] === undefined && h['x-atrest-extent-kek-version'] === undefined), {
    message: 'key id, wrapped key and KEK version go together',
  });

export interface ExtentCopyHeaders {
  readonly account: string;
  readonly kind: 'data' | 'metadata';
  readonly size: number;
  readonly encrypted: boolean;
  readonly key?: { readonly keyId: string; readonly wrappedKey: string; readonly kekVersion: number };
}

export const parseExtentCopyHeaders = (headers: Record<string, unknown>): ExtentCopyHeaders => {
  const parsed = headersSchema.safeParse(headers);
  if (!parsed.success)
    throw new DomainError('InvalidHeaderValue', `x-atrest-extent-* headers: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'headers'}: ${i.message}`).join('; ')}`);
  const h = parsed.data;
  return {
    account: h['x-atrest-extent-account'],
    kind: h['x-atrest-extent-kind'],
    size: h['x-atrest-extent-size'],
    encrypted: h['x-atrest-extent-encrypted'],
    ...(h['x-atrest-extent-key-id'] && {
      key: { keyId: h['x-atrest-extent-key-id'], wrappedKey: h['x-atrest-extent-wrapped-key']!, kekVersion: h['x-atrest-extent-kek-version']! },
    }),
  };
};
