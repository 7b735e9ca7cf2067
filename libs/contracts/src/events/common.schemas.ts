import { z } from 'zod';

export const subscriptionId = z.string().min(1).max(64);
export const timestamp = z.iso.datetime({ offset: true });
export const storageAccountName = z.string().regex(/^[a-z0-9]{3,24}$/, '3-24 lowercase letters and digits');
