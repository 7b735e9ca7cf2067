import type { SasToken } from './sas-token';

/** From this version on, both kinds sign the encryption scope (ses). */
const ENCRYPTION_SCOPE_SINCE = '2020-12-06';
/** The oldest service SAS format served: signed resource (sr) and snapshot time lines. */
export const SERVICE_SAS_SINCE = '2018-11-09';
/** The oldest account SAS format. */
export const ACCOUNT_SAS_SINCE = '2015-04-05';

/**
 * What the account key signed, by the rules of the token's version (Azure's
 * "Create an account SAS" and "Create a service SAS"). `resource` is the
 * service SAS's canonicalized resource, "/blob/{account}/{container}[/{blob}]"
 * with the names decoded. The snapshot time line is empty (atrest refuses
 * snapshot SAS before signing).
 */
export function sasStringToSign(token: SasToken, account: string, resource: string): string {
  const scope = token.version >= ENCRYPTION_SCOPE_SINCE ? [token.encryptionScope] : [];
  if (token.kind === 'account')
    return [account, token.permissions, token.services, token.resourceTypes, token.start, token.expiry, token.ip, token.protocol, token.version, ...scope, ''].join('\n');
  const snapshotTime = '';
  const { cacheControl, contentDisposition, contentEncoding, contentLanguage, contentType } = token.responseHeaders;
  return [
    token.permissions,
    token.start,
    token.expiry,
    resource,
    token.identifier,
    token.ip,
    token.protocol,
    token.version,
    token.resource,
    snapshotTime,
    ...scope,
    cacheControl,
    contentDisposition,
    contentEncoding,
    contentLanguage,
    contentType,
  ].join('\n');
}
