/**
 * AES-GCM refused to open: the ciphertext, tag, nonce or associated data is
 * not what was sealed (tampered, moved, or the wrong key). Deliberately says
 * nothing about which, and never carries any of the bytes.
 */
export class DecryptionFailed extends Error {
  readonly code = 'DecryptionFailed';

  constructor(readonly reason = 'authentication failed') {
    super(`decryption failed: ${reason}`);
    this.name = 'DecryptionFailed';
  }
}
