import { SignJWT } from 'jose';
import { OPERATOR_ROLE, TOKEN_ALGORITHM, TOKEN_ISSUER } from './token.claims';

export interface TokenRequest {
  subject: string;
  subscriptions: readonly string[];
  operator?: boolean;
  ttlSeconds: number;
}

/** A signed bearer token the gateway accepts (for `npm run token` and specs). */
export async function issueToken(key: Uint8Array, audience: string, request: TokenRequest, now: Date = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ subscriptions: [...request.subscriptions], roles: request.operator ? [OPERATOR_ROLE] : [] })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(audience)
    .setSubject(request.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(key);
}
