import { ArmError } from '@atrest/azure-wire';
import { errors, jwtVerify } from 'jose';
import { Principal, TOKEN_ALGORITHM, TOKEN_ISSUER, tokenClaimsSchema } from './token.claims';

const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * The caller of a request, from its Authorization header: an HS256 token
 * signed with the dev key, not expired, for this audience, from the dev
 * issuer. Anything else is a 401 with a Bearer challenge.
 */
export async function authenticate(authorization: string | undefined, key: Uint8Array, audience: string, now: Date = new Date()): Promise<Principal> {
  if (!authorization) throw missingToken("The 'Authorization' header is missing. Send 'Authorization: Bearer <token>' (npm run token -- <subscriptionId>).");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw missingToken("The 'Authorization' header is not of the form 'Bearer <token>'.");
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(match[1], key, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: TOKEN_ISSUER,
      audience,
      requiredClaims: ['exp', 'sub'],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw invalidToken(reasonOf(error, audience));
  }
  const claims = tokenClaimsSchema.safeParse(payload);
  if (!claims.success) throw invalidToken("The access token's 'sub', 'subscriptions' or 'roles' claim is malformed.");
  return {
    subject: claims.data.sub,
    subscriptions: new Set(claims.data.subscriptions.map((id) => id.toLowerCase())),
    roles: claims.data.roles,
  };
}

function reasonOf(error: unknown, audience: string): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired. Get a new one (npm run token).';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
    return `The access token is not for this audience; it must be issued for '${audience}'.`;
  if (error instanceof errors.JWTClaimValidationFailed) return `The access token's '${error.claim}' claim is invalid: ${error.reason}.`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is invalid.';
  return 'The access token is malformed or not signed with a supported algorithm.';
}

/** 401 AuthenticationFailed: no credentials at all (no error code in the challenge, per RFC 6750). */
const missingToken = (message: string): ArmError =>
  new ArmError(401, 'AuthenticationFailed', `Authentication failed. ${message}`, undefined, { 'www-authenticate': 'Bearer realm="atrest"' });

/** 401 InvalidAuthenticationToken: credentials that do not hold. */
const invalidToken = (message: string): ArmError =>
  new ArmError(401, 'InvalidAuthenticationToken', message, undefined, {
    'www-authenticate': `Bearer realm="atrest", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
  });
