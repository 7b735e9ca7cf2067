import type { IncomingMessage } from 'node:http';
import { readSasToken, StorageError, verifySas, type SasGrant } from '@atrest/azure-wire';
import type { AccountKeysClient } from '../account-keys/account-keys.client';
import { checkWithAccountKeys } from './account-key-check';
import { addressedNames, parseBlobTarget } from './blob-target';

/**
 * The SAS a copy source URL carries (Copy Blob, Put Blob and Put Block From
 * URL), verified as a request to the source would be: made with the source
 * account's key1 or key2 for that blob or its container, within its time
 * frame. What it grants travels to blob-data-service beside the request's
 * own grant; a source without a SAS is left to the service's rules (same
 * subscription). A SAS that does not hold is 403 CannotVerifyCopySource
 * with the reason, as Azure answers.
 */
export async function verifyCopySourceSas(req: IncomingMessage, accountKeys: AccountKeysClient, now: Date): Promise<SasGrant | undefined> {
  const header = req.headers['x-ms-copy-source'];
  if (typeof header !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(header);
  } catch {
    return undefined; // the service answers a malformed source in its own words
  }
  try {
    const source = parseBlobTarget(`${url.pathname}${url.search}`);
    const token = readSasToken(source.query);
    if (!token) return undefined;
    const keys = await accountKeys.find(source.account);
    if (!keys) throw cannotVerify(`The copy source account '${source.account}' does not exist.`);
    const check = { account: source.account, now, clientIp: req.socket.remoteAddress ?? '', protocol: url.protocol === 'https:' ? ('https' as const) : ('http' as const), ...addressedNames(source) };
    return (await checkWithAccountKeys(accountKeys, source.account, keys, (candidates) => verifySas(token, { ...check, keys: candidates }))).grant;
  } catch (error) {
    if (error instanceof StorageError && error.code !== 'CannotVerifyCopySource')
      throw cannotVerify(`The SAS of the copy source does not hold: ${error.details?.AuthenticationErrorDetail ?? error.message}`);
    throw error;
  }
}

const cannotVerify = (message: string) => new StorageError(403, 'CannotVerifyCopySource', message);
