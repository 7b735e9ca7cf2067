/**
 * Encodes the context a ciphertext is bound to (account, container, blob,
 * offset, key version, purpose...) as associated data, unambiguously: each
 * part is its UTF-8 text prefixed with its 4-byte big-endian length, so
 * ["ab", "c"] and ["a", "bc"] never encode alike.
 */
export const associatedData = (parts: readonly (string | number | bigint)[]): Buffer => {
  const encoded = parts.map((part) => Buffer.from(String(part), 'utf8'));
  const out = Buffer.allocUnsafe(encoded.reduce((n, b) => n + 4 + b.length, 0));
  let at = 0;
  for (const bytes of encoded) {
    at = out.writeUInt32BE(bytes.length, at);
    at += bytes.copy(out, at);
  }
  return out;
};
