import { DomainError } from '@atrest/contracts';

// Refusals of the internal data-key API (the data plane maps them: revoked
// key -> 403 KeyVaultEncryptionKeyNotFound to its client, the rest -> 500 or 503).

/** No key ring for the account (yet): the account is unknown, deleted, or its creation event is still on its way. */
export const keyRingNotFound = (accountName: string): DomainError =>
  new DomainError('KeyRingNotFound', `Storage account '${accountName}' has no key ring.`);

export const keyVersionNotFound = (accountName: string, version: number): DomainError =>
  new DomainError('KeyVersionNotFound', `Storage account '${accountName}' has no key version ${version}.`);

/** The wrapped key does not authenticate: wrapped for another account or key version, or altered. */
export const wrappedKeyRejected = (accountName: string, version: number): DomainError =>
  new DomainError(
    'WrappedKeyRejected',
    `The wrapped key is not a data key of storage account '${accountName}' under key version ${version} (another account's or version's, or altered).`,
  );

export const authenticationFailed = (reason: string): DomainError => new DomainError('AuthenticationFailed', reason);

export const authorizationFailed = (client: string): DomainError =>
  new DomainError('AuthorizationFailed', `The client '${client}' is not allowed to use data keys.`);
