import type { ArmStatusTable } from '@atrest/azure-wire';

/** Every DomainError code of the key service and its HTTP status (unlisted codes answer 400). */
export const keyManagementStatusTable: ArmStatusTable = {
  ResourceNotFound: 404,
  KeyRingNotFound: 404,
  KeyVersionNotFound: 404,
  KeyNotFound: 404,
  KeyVaultEncryptionKeyNotFound: 403,
  WrappedKeyRejected: 403,
  AuthenticationFailed: 401,
  AuthorizationFailed: 403,
  KeyVersionAlreadyExists: 409,
  InvalidRequestContent: 400,
};
