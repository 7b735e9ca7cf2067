import { randomBytes } from 'node:crypto';
import { KEY_BYTES } from '../aead/aes-gcm';

/** A fresh random 256-bit key (CSPRNG). */
export const generateKey = (): Buffer => randomBytes(KEY_BYTES);
