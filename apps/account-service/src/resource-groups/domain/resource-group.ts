import type { DomainEvent, ResourceGroupEvent } from '@atrest/contracts';
import { exhaustive } from '../../common/exhaustive';

export interface ResourceGroup {
  readonly subscriptionId: string;
  /** As spelled when created; looked up case-insensitively. */
  readonly name: string;
  /** Region name from the catalog ("eastus"). */
  readonly location: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** null: the group does not exist (never created, or deleted). */
export type ResourceGroupState = ResourceGroup | null;

export const initialState = (): ResourceGroupState => null;

/** One stream per group; ARM group names are case-insensitive, so the id is too. */
export const resourceGroupStreamId = (subscriptionId: string, name: string): string =>
  `ResourceGroup-${subscriptionId.toLowerCase()}-${name.toLowerCase()}`;

export const evolve = (state: ResourceGroupState, event: DomainEvent): ResourceGroupState => {
  const e = event as ResourceGroupEvent;
  switch (e.type) {
    case 'ResourceGroupCreated':
      return { subscriptionId: e.data.subscriptionId, name: e.data.resourceGroup, location: e.data.location, tags: e.data.tags };
    case 'ResourceGroupUpdated':
      return state && { ...state, tags: e.data.tags };
    case 'ResourceGroupDeleted':
      return null;
    default:
      return exhaustive(e, 'resource group event');
  }
};
