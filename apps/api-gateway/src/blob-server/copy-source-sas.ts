import type { IncomingMessage } from 'node:http';
import { readSasToken, StorageError, verifySas, type SasGrant } from '@atrest/azure-wire';
import type { AccountKeysClient } from '../account-keys/account-keys.client';
import { checkWithAccountKeys } from './account-key-check';
import { parseBlobTarget, sasCheckOf, type BlobTarget } from './blob-target';

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
  const source = typeof header === 'string' ? sourceOf(header) : undefined;
  if (!source) return undefined;
  try {
    const token = readSasToken(source.target.query);
    if (!token) return undefined;
    const { account } = source.target;
    const keys = await accountKeys.find(account);
    if (!keys) throw cannotVerify(`The copy source account '${account}' does not exist.`);
    const check = sasCheckOf(source.target, req, now, source.protocol);
    return (await checkWithAccountKeys(accountKeys, account, keys, (candidates) => verifySas(token, { ...check, keys: candidates }))).grant;
  } catch (error) {
    if (error instanceof StorageError && error.code !== 'CannotVerifyCopySource')
      throw cannotVerify(`The SAS of the copy source does not hold: ${error.details?.AuthenticationErrorDetail ?? error.message}`);
    throw error;
  }
}

/** The source's path-style target and scheme; undefined when it is none (the service answers a malformed source in its own words). */
const sourceOf = (header: string): { target: BlobTarget; protocol: 'http' | 'https' } | undefined => {
  try {
    const url = new URL(header);
    return { target: parseBlobTarget(`${url.pathname}${url.search}`), protocol: url.protocol === 'https:' ? 'https' : 'http' };
  } catch {
    return undefined;
  }
};

const cannotVerify = (message: string) => new StorageError(403, 'CannotVerifyCopySource', message);
