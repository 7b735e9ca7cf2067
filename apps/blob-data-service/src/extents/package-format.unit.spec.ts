import { DecryptionFailed, generateKey } from '@atrest/crypto';
import { openPackage, PACKAGE_BYTES, PACKAGE_OVERHEAD, packageCount, packageSpan, sealPackage, storedSize, type ExtentBinding } from './package-format';

const binding: ExtentBinding = { account: 'acct', container: 'box', blob: 'a/b.txt', extentId: '7f1f1e0e-0c2b-4a53-9f5e-1b2c3d4e5f60', kind: 'data' };
const key = generateKey();
const plaintext = Buffer.from('package plaintext with a known marker');

describe('extent package format', () => {
  it('seals a package into nonce, ciphertext and tag that do not contain the plaintext, and opens it back', () => {
    const stored = Buffer.concat(sealPackage(key, plaintext, binding, 3, false));
    expect(stored).toHaveLength(plaintext.length + PACKAGE_OVERHEAD);
    expect(stored.includes(plaintext)).toBe(false);
    expect(openPackage(key, stored, binding, 3, false)).toEqual(plaintext);
  });

  it.each<[string, Partial<ExtentBinding>, number, boolean]>([
    ['another account', { account: 'other' }, 3, false],
    ['another container', { container: 'other' }, 3, false],
    ['another blob', { blob: 'a/c.txt' }, 3, false],
    ['another extent', { extentId: '00000000-0000-4000-8000-000000000000' }, 3, false],
    ['the metadata of the blob', { kind: 'metadata' }, 3, false],
    ['another position', {}, 4, false],
    ['the last position (truncation)', {}, 3, true],
  ])('refuses a package moved to %s', (_, change, index, final) => {
    const stored = Buffer.concat(sealPackage(key, plaintext, binding, 3, false));
    expect(() => openPackage(key, stored, { ...binding, ...change }, index, final)).toThrow(DecryptionFailed);
  });

  it('refuses a flipped byte anywhere and another key', () => {
    const stored = Buffer.concat(sealPackage(key, plaintext, binding, 0, true));
    for (let at = 0; at < stored.length; at++) {
      const tampered = Buffer.from(stored);
      tampered[at] ^= 0x01;
      expect(() => openPackage(key, tampered, binding, 0, true)).toThrow(DecryptionFailed);
    }
    expect(() => openPackage(generateKey(), stored, binding, 0, true)).toThrow(DecryptionFailed);
  });

  it('lays packages out back to back: full ones, then a shorter last one', () => {
    const size = 2 * PACKAGE_BYTES + 10;
    expect(packageCount(size)).toBe(3);
    expect(storedSize(size, true)).toBe(size + 3 * PACKAGE_OVERHEAD);
    expect(storedSize(size, false)).toBe(size);
    expect(packageSpan(size, true, 2)).toEqual({ offset: 2 * (PACKAGE_BYTES + PACKAGE_OVERHEAD), length: 10 + PACKAGE_OVERHEAD });
    expect(packageSpan(size, false, 1)).toEqual({ offset: PACKAGE_BYTES, length: PACKAGE_BYTES });
    expect(packageCount(0)).toBe(0);
  });
});
