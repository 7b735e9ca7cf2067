import { z } from 'zod';

/** ARM PUT body of a resource group (unknown fields ignored). */
export const putResourceGroupSchema = z.object({
  location: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
