import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { blobKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { ACCESS_TIER, parseAccessTier } from '../../domain/access-tier';
import { blobError } from '../../domain/blob.errors';
import { parseLeaseId } from '../../domain/conditions';
import { saveBlobTier } from '../../store/blob-tier';

/**
 * Set Blob Tier (PUT `?comp=tier`, x-ms-access-tier): a block blob of an
 * account with tiers gets Hot, Cool or Cold as its own tier, at once (200;
 * atrest has no Archive, so nothing is ever rehydrated). A leased blob
 * needs its lease id. Get Blob Properties and List Blobs show the tier and
 * when it was set; a blob never set reads as the account's tier, inferred.
 */
@Injectable()
export class SetBlobTierOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], comp: 'tier', writes: true, sas: { permissions: 'w', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    const value = request.header(ACCESS_TIER);
    if (value === undefined) throw blobError('MissingRequiredHeader', `The header ${ACCESS_TIER} is required.`);
    const tier = parseAccessTier(value, request.account, 'BlockBlob')!;
    await saveBlobTier(request.store, {
      key: blobKeyOf(request),
      region: request.store.region,
      tier,
      now: request.now,
      conditions: { leaseId: parseLeaseId('x-ms-lease-id', request.header('x-ms-lease-id')) },
      eventMetadata: request.eventMetadata,
    });
    response.status(200).end();
  }
}
