import { z } from 'zod';

/** Body of unwrap and rewrap: a wrapped data key as generate returned it, and the KEK version it came with. */
export const wrappedDataKeySchema = z.object({
  wrappedKey: z.string().min(1).max(512),
  kekVersion: z.number().int().positive(),
});

/** The account path parameter of the internal API. */
export const INTERNAL_DATA_KEYS_PATH = 'internal/accounts/:account/data-keys';
