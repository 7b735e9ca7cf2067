import { z } from 'zod';

export const regenerateKeySchema = z.object({ keyName: z.string() });
