import { inspect } from 'node:util';
import { KEY_BYTES, open, seal, type Sealed } from '../aead/aes-gcm';
import { constantTimeEqual } from '../compare/constant-time';
import { unwrapKey, wrapKey, type KeyBinding } from './key-wrap';

/**
 * Anything that wraps key-encryption keys: the root key, or a customer's
 * key imported into the vault stand-in.
 */
export interface KeyWrapper {
  wrap(key: Uint8Array, binding: KeyBinding): Buffer;
  unwrap(wrapped: Uint8Array, binding: KeyBinding): Buffer;
}

/** A 256-bit key held in memory only; its bytes never leave this object (not in JSON, logs or inspect output). */
export class SecretKey implements KeyWrapper {
  readonly #bytes: Buffer;

  constructor(bytes: Uint8Array) {
    if (bytes.length !== KEY_BYTES) throw new RangeError(`a key is ${KEY_BYTES} bytes, got ${bytes.length}`);
    this.#bytes = Buffer.from(bytes);
  }

  wrap(key: Uint8Array, binding: KeyBinding): Buffer {
    return wrapKey(this.#bytes, key, binding);
  }

  unwrap(wrapped: Uint8Array, binding: KeyBinding): Buffer {
    return unwrapKey(this.#bytes, wrapped, binding);
  }

  seal(plaintext: Uint8Array, aad: Uint8Array): Sealed {
    return seal(this.#bytes, plaintext, aad);
  }

  open(sealed: Sealed, aad: Uint8Array): Buffer {
    return open(this.#bytes, sealed, aad);
  }

  /** Whether `bytes` are this key, compared in constant time. */
  matches(bytes: Uint8Array): boolean {
    return constantTimeEqual(this.#bytes, bytes);
  }

  /** Forgets the bytes (a customer key once its KEKs are unwrapped). */
  destroy(): void {
    this.#bytes.fill(0);
  }

  toJSON(): string {
    return '[secret key]';
  }

  [inspect.custom](): string {
    return 'SecretKey([secret key])';
  }
}
