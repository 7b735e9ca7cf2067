import { ArmError } from '@atrest/azure-wire';
import { randomBytes } from 'node:crypto';
import { issueToken } from './token-issuer';
import { authenticate } from './token-verifier';

const KEY = randomBytes(32);
const AUDIENCE = 'https://management.azure.com/';
const NOW = new Date('2026-11-29T12:00:00Z');
const request = { subject: 'alice', subscriptions: ['AbC-1', 'def-2'], ttlSeconds: 3600 };

const refusal = async (header: string | undefined, now = NOW, key: Uint8Array = KEY): Promise<{ status: number; code: string; message: string }> => {
  try {
    await authenticate(header, key, AUDIENCE, now);
  } catch (error) {
    if (error instanceof ArmError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
};

describe('tokens', () => {
  it('accepts what the issuer signs and reads the caller from it', async () => {
    const token = await issueToken(KEY, AUDIENCE, request, NOW);
    const principal = await authenticate(`Bearer ${token}`, KEY, AUDIENCE, NOW);
    expect(principal).toEqual({ subject: 'alice', subscriptions: new Set(['abc-1', 'def-2']), roles: [] });
  });

  it('gives an operator token the Operator role', async () => {
    const token = await issueToken(KEY, AUDIENCE, { ...request, subscriptions: [], operator: true }, NOW);
    await expect(authenticate(`bearer ${token}`, KEY, AUDIENCE, NOW)).resolves.toMatchObject({ roles: ['Operator'] });
  });

  it('refuses a token once its lifetime (plus 30 s of clock skew) is over', async () => {
    const token = await issueToken(KEY, AUDIENCE, request, NOW);
    const later = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    await expect(authenticate(`Bearer ${token}`, KEY, AUDIENCE, later(3600 + 20))).resolves.toBeDefined();
    await expect(refusal(`Bearer ${token}`, later(3600 + 31))).resolves.toMatchObject({ status: 401, code: 'InvalidAuthenticationToken', message: expect.stringMatching(/expired/) });
  });

  it('refuses a token signed with another key, or for another audience', async () => {
    const token = await issueToken(KEY, AUDIENCE, request, NOW);
    await expect(refusal(`Bearer ${token}`, NOW, randomBytes(32))).resolves.toMatchObject({ code: 'InvalidAuthenticationToken', message: expect.stringMatching(/signature/) });
    const foreign = await issueToken(KEY, 'https://vault.azure.net', request, NOW);
    await expect(refusal(`Bearer ${foreign}`)).resolves.toMatchObject({ code: 'InvalidAuthenticationToken', message: expect.stringContaining(AUDIENCE) });
  });

  it('tells a missing header (AuthenticationFailed) from a bad token (InvalidAuthenticationToken)', async () => {
    await expect(refusal(undefined)).resolves.toMatchObject({ status: 401, code: 'AuthenticationFailed' });
    await expect(refusal('Token abc')).resolves.toMatchObject({ status: 401, code: 'AuthenticationFailed' });
    await expect(refusal('Bearer a.b.c')).resolves.toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
  });
});
