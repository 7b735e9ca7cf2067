import { storageError, type SasGrant } from '@atrest/azure-wire';
import type { ContainerKey } from '../blobs/store/blob-keys';
import { findContainer } from '../blobs/store/container.repository';
import { withStoredPolicy } from '../containers/domain/access-policy';
import type { RegionStore } from '../region-stores/region-store';
import type { OperationRoute, ResourceLevel } from './blob-operation';

/** An account SAS's resource type letter for each level (srt). */
const RESOURCE_TYPE: Readonly<Record<ResourceLevel, string>> = { service: 's', container: 'c', blob: 'o' };

/**
 * A grant that names a stored access policy (si), completed by the policy
 * as the container holds it now (one read; withStoredPolicy); any other as
 * it is.
 */
export async function completeSasGrant(grant: SasGrant | undefined, store: RegionStore, container: ContainerKey | undefined, now: Date): Promise<SasGrant | undefined> {
  if (!grant || grant.kind === 'account' || !grant.storedPolicy) return grant;
  const policies = container ? ((await findContainer(store, container))?.accessPolicies ?? []) : [];
  return withStoredPolicy(grant, policies, now);
}

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
  if (![...route.sas.permissions].some((letter) => grant.permissions.includes(letter))) throw storageError('AuthorizationPermissionMismatch');
}

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
