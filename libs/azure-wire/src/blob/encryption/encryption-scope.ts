/**
 * The encryption scope Azure names after an account's own encryption (its
 * key, Microsoft- or customer-managed). An atrest account has no other: a
 * request naming another scope (x-ms-encryption-scope, a SAS's `ses`) is
 * refused, since the blob would not be sealed the way it asks.
 */
export const ACCOUNT_ENCRYPTION_SCOPE = '$account-encryption-key';

/** What a refusal says about a scope other than the account's. */
export const unknownScopeMessage = (scope: string): string =>
  `The encryption scope '${scope}' does not exist: an atrest account has only its own, ${ACCOUNT_ENCRYPTION_SCOPE}, which seals every write while SSE is on.`;
