import { z } from 'zod';

/** Who issues dev tokens; the gateway accepts no other issuer. */
export const TOKEN_ISSUER = 'atrest-dev-token-issuer';
export const TOKEN_ALGORITHM = 'HS256';
/** The role that opens /operator/... paths. */
export const OPERATOR_ROLE = 'Operator';

/** The claims the gateway reads, besides iss, aud, exp (checked by the verifier). */
export const tokenClaimsSchema = z.object({
  sub: z.string().min(1),
  subscriptions: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
});

/** The authenticated caller of one request. */
export interface Principal {
  readonly subject: string;
  /** Subscription ids the caller may act on, lower-case (ARM compares them case-insensitively). */
  readonly subscriptions: ReadonlySet<string>;
  readonly roles: readonly string[];
}
