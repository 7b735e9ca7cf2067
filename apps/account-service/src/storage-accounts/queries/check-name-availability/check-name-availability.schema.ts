import { z } from 'zod';

export const checkNameAvailabilitySchema = z.object({ name: z.string(), type: z.string().optional() });
