import type { Request } from 'express';
import type { SasGrant } from '@atrest/azure-wire';
import type { EventMetadata } from '@atrest/contracts';
import type { DataPlaneAccount } from '../account-encryption/data-plane-account';
import type { RegionStore } from '../region-stores/region-store';
import type { BlobKey, ContainerKey } from '../blobs/store/blob-keys';

/** One Blob REST request, resolved: its account (read now), the account's region store, and what it names. */
export interface BlobRequest {
  /** The raw request: headers, and the body as a stream (never parsed by the platform). */
  readonly http: Request;
  readonly requestId: string;
  /** When the request is handled: Last-Modified and event times. */
  readonly now: Date;
  readonly account: DataPlaneAccount;
  readonly store: RegionStore;
  readonly containerName?: string;
  readonly blobName?: string;
  readonly eventMetadata: EventMetadata;
  /** What the SAS that authorized the request grants (none: Shared Key), already checked against the operation. */
  readonly sasGrant?: SasGrant;
  /** Authorized by a SAS's `c` alone: the request may create its blob, not replace it (createsOnly). */
  readonly createOnly?: true;
  header(name: string): string | undefined;
  /** A query parameter (names compared case-insensitively). */
  query(name: string): string | undefined;
}

export const containerKeyOf = (request: BlobRequest): ContainerKey => ({
  account: request.account.name,
  incarnation: request.account.incarnation,
  container: request.containerName!,
});

export const blobKeyOf = (request: BlobRequest): BlobKey => ({ ...containerKeyOf(request), blob: request.blobName! });
