import { checkTimeFrame, sasRefused, type SasGrant } from '@atrest/azure-wire';
import { blobError } from '../../blobs/domain/blob.errors';

/** A stored access policy (Set Container ACL's SignedIdentifier): each part optional, times as ISO 8601 UTC. */
export interface AccessPolicy {
  readonly id: string;
  readonly start?: string;
  readonly expiry?: string;
  readonly permission?: string;
}

/** Azure's limits: five signed identifiers per container, ids of at most 64 characters. */
export const MAX_ACCESS_POLICIES = 5;
export const MAX_POLICY_ID_LENGTH = 64;
/** A Set Container ACL body: five policies take well under 2 KiB. */
export const MAX_SIGNED_IDENTIFIERS_XML_BYTES = 64 * 1024;

/** The permission letters a container's policy may hold (Azure's container SAS letters). */
const POLICY_PERMISSIONS = /^[racwdxyltfmeopi]*$/;

/**
 * Checks what Set Container ACL was sent: at most five policies with
 * distinct ids of 1-64 characters, known permission letters and valid
 * times (400 InvalidXmlDocument / InvalidXmlNodeValue). Returns them with
 * times normalised to ISO 8601 UTC.
 */
export const checkAccessPolicies = (policies: readonly AccessPolicy[]): AccessPolicy[] => {
  if (policies.length > MAX_ACCESS_POLICIES)
    throw blobError('InvalidXmlDocument', `A container holds at most ${MAX_ACCESS_POLICIES} stored access policies; ${policies.length} were sent.`);
  const ids = new Set<string>();
  return policies.map((policy) => {
    if (policy.id.length === 0 || policy.id.length > MAX_POLICY_ID_LENGTH)
      throw blobError('InvalidXmlNodeValue', `A signed identifier's Id must have 1 to ${MAX_POLICY_ID_LENGTH} characters.`);
    if (ids.has(policy.id)) throw blobError('InvalidXmlDocument', `The signed identifier '${policy.id}' is given twice.`);
    ids.add(policy.id);
    if (policy.permission !== undefined && !POLICY_PERMISSIONS.test(policy.permission))
      throw blobError('InvalidXmlNodeValue', `The permission '${policy.permission}' of '${policy.id}' has letters a container policy cannot hold.`);
    return { id: policy.id, ...time(policy, 'start'), ...time(policy, 'expiry'), ...(policy.permission ? { permission: policy.permission } : {}) };
  });
};

const time = (policy: AccessPolicy, part: 'start' | 'expiry'): Partial<AccessPolicy> => {
  const value = policy[part];
  if (value === undefined || value === '') return {};
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(at)) throw blobError('InvalidXmlNodeValue', `The ${part} '${value}' of '${policy.id}' is not an ISO 8601 time.`);
  return { [part]: new Date(at).toISOString() };
};

/**
 * A service SAS that names a stored access policy (si), completed by it:
 * the policy must exist (removing it revokes every SAS that names it), and
 * each of permissions, start and expiry comes from the token or the policy,
 * never both; the result must have an expiry and be valid now (403
 * AuthenticationFailed with the reason, as Azure answers). Grants without a
 * policy are returned as they are.
 */
export const withStoredPolicy = (grant: SasGrant, policies: readonly AccessPolicy[], now: Date): SasGrant => {
  if (grant.kind === 'account' || !grant.storedPolicy) return grant;
  const { id, start, expiry } = grant.storedPolicy;
  const policy = policies.find((p) => p.id === id);
  if (!policy) throw sasRefused(`The signed identifier '${id}' is not a stored access policy of this container (or no longer).`);
  const pick = (name: string, fromToken: string, fromPolicy: string | undefined): string => {
    if (fromToken && fromPolicy) throw sasRefused(`The ${name} is given both by the SAS and by the stored access policy '${id}': give it in one of them.`);
    return fromToken || fromPolicy || '';
  };
  const frame = { start: pick('start', start, policy.start), expiry: pick('expiry', expiry, policy.expiry) };
  const permissions = pick('permission', grant.permissions, policy.permission);
  if (!frame.expiry) throw sasRefused(`Neither the SAS nor the stored access policy '${id}' gives an expiry.`);
  checkTimeFrame(frame, now);
  const { storedPolicy: _resolved, ...rest } = grant;
  return { ...rest, permissions };
};
