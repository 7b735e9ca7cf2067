import { ACCOUNT_ENCRYPTION_SCOPE, unknownScopeMessage } from '@atrest/azure-wire';
import { blobError } from '../blobs/domain/blob.errors';

const DEFAULT_SCOPE = 'x-ms-default-encryption-scope';
const DENY_SCOPE_OVERRIDE = 'x-ms-deny-encryption-scope-override';
/** A blob write's scope, and a new container's default one. */
const SCOPE_HEADERS = ['x-ms-encryption-scope', DEFAULT_SCOPE];

/**
 * The encryption scope a request names is honoured or refused, never
 * ignored: the account's own ($account-encryption-key) is what every write
 * uses anyway, so naming it changes nothing; any other does not exist here
 * (400 InvalidHeaderValue), since taking the request would leave the blob
 * sealed otherwise than the client asked. Whether a container denies its
 * blobs another scope is moot with one scope, but must read true or false;
 * it is kept, and answered back.
 */
export const checkEncryptionScopeHeaders = (header: (name: string) => string | undefined): void => {
  for (const name of SCOPE_HEADERS) {
    const scope = header(name);
    if (scope !== undefined && scope !== ACCOUNT_ENCRYPTION_SCOPE) throw blobError('InvalidHeaderValue', `${name}: ${unknownScopeMessage(scope)}`);
  }
  const deny = header(DENY_SCOPE_OVERRIDE);
  if (deny !== undefined && !['true', 'false'].includes(deny.toLowerCase()))
    throw blobError('InvalidHeaderValue', `${DENY_SCOPE_OVERRIDE} must be true or false, not '${deny}'.`);
};

/** Create Container's x-ms-deny-encryption-scope-override (checked above): absent, false. */
export const deniesScopeOverride = (header: (name: string) => string | undefined): boolean => header(DENY_SCOPE_OVERRIDE)?.toLowerCase() === 'true';

/** A container's encryption scope policy, as Get Container Properties answers it: the account's scope, and the deny flag kept. */
export const containerScopeHeaders = (denyEncryptionScopeOverride: boolean): Record<string, string> => ({
  [DEFAULT_SCOPE]: ACCOUNT_ENCRYPTION_SCOPE,
  [DENY_SCOPE_OVERRIDE]: String(denyEncryptionScopeOverride),
});
