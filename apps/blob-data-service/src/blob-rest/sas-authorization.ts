import { storageError, type SasGrant } from '@atrest/azure-wire';
import type { DataPlaneAccount } from '../account-encryption/data-plane-account';
import { findContainer } from '../blobs/store/container.repository';
import { withStoredPolicy, type AccessPolicy } from '../containers/domain/access-policy';
import type { RegionStore } from '../region-stores/region-store';
import type { OperationRoute, ResourceLevel } from './blob-operation';

/** An account SAS's resource type letter for each level (srt). */
const RESOURCE_TYPE: Readonly<Record<ResourceLevel, string>> = { service: 's', container: 'c', blob: 'o' };

/** Where a grant applies: the account's store and the container addressed (whose stored access policy a grant may name). */
export interface GrantScope {
  readonly store: RegionStore;
  readonly account: DataPlaneAccount;
  readonly container?: string;
}

/**
 * A verified grant, completed by the stored access policy it names (read
 * as the container holds it now: one read, only then; withStoredPolicy),
 * then checked against the operation (checkSasGrant). Returns the grant
 * completed.
 */
export async function authorizeSas(grant: SasGrant, route: OperationRoute, level: ResourceLevel, scope: GrantScope, now: Date): Promise<SasGrant> {
  const complete = grant.kind !== 'account' && grant.storedPolicy ? withStoredPolicy(grant, await accessPoliciesOf(scope), now) : grant;
  checkSasGrant(complete, route, level);
  return complete;
}

const accessPoliciesOf = async ({ store, account, container }: GrantScope): Promise<readonly AccessPolicy[]> =>
  container ? ((await findContainer(store, { account: account.name, incarnation: account.incarnation, container }))?.accessPolicies ?? []) : [];

/**
 * Whether what a SAS grants (verified by the gateway) covers this operation
 * at this level: an account SAS needs the level's resource type, a service
 * SAS (for the container or blob it was signed for) an operation it may
 * call; then one of the operation's permission letters (403
 * AuthorizationResourceTypeMismatch or AuthorizationPermissionMismatch).
 * Shared Key requests carry no grant and pass.
 */
export function checkSasGrant(grant: SasGrant | undefined, route: OperationRoute, level: ResourceLevel): void {
  if (!grant) return;
  if (grant.kind === 'account' ? !grant.resourceTypes.includes(RESOURCE_TYPE[level]) : !route.sas.service)
    throw storageError('AuthorizationResourceTypeMismatch');
  if (!grantsOperation(grant, route) && !createsOnly(grant, route)) throw storageError('AuthorizationPermissionMismatch');
}

const grantsOperation = (grant: SasGrant, route: OperationRoute): boolean => [...route.sas.permissions].some((letter) => grant.permissions.includes(letter));

/**
 * Whether the grant allows this operation through `c` (create) alone: it
 * may then make a new blob but not replace one (the commit refuses an
 * existing blob, 403 UnauthorizedBlobOverwrite, as Azure does), so a
 * create-only upload link cannot overwrite what is there.
 */
export const createsOnly = (grant: SasGrant | undefined, route: OperationRoute): boolean =>
  grant !== undefined && route.sas.create === true && grant.permissions.includes('c') && !grantsOperation(grant, route);

/**
 * Copy Blob reads its source on the caller's behalf: under a SAS, only a
 * source the same grant could read (Shared Key holders reach every account
 * of their subscription, copy-source.ts). An account SAS with r over objects
 * reads any blob of its account; a container SAS with r, any blob of its
 * container; a blob SAS names the destination only. Else 403
 * AuthorizationPermissionMismatch.
 */
export function checkSasCopySource(
  grant: SasGrant | undefined,
  destination: { readonly account: string; readonly container: string },
  source: { readonly account: string; readonly container: string },
): void {
  if (!grant) return;
  const readable =
    grant.permissions.includes('r') &&
    source.account === destination.account &&
    (grant.kind === 'account' ? grant.resourceTypes.includes('o') : grant.kind === 'container' && source.container === destination.container);
  if (!readable)
    throw storageError('AuthorizationPermissionMismatch', 'This SAS may not read the copy source: a SAS-authorized copy reads only blobs the same SAS could read (r, in its own account or container).');
}
