import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { findRegion } from '@atrest/contracts';
import { blobError } from '../../../blobs/domain/blob.errors';
import { RegionStores } from '../../../region-stores/region-stores';
import { readRawExtent } from '../../extent.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /internal/regions/{region}/extents/{id}: an extent's stored bytes
 * (ciphertext when encrypted) and what a byte-for-byte copy needs, for the
 * replicator (issue 6). Internal network only: the gateway routes no /internal path.
 */
@Controller('internal/regions/:region/extents')
export class GetExtentController {
  constructor(@Inject(RegionStores) private readonly stores: RegionStores) {}

  @Get(':id')
  async get(@Param('region') region: string, @Param('id') id: string, @Res() response: Response): Promise<void> {
    // Only catalogue regions: a made-up name must not create a store.
    if (findRegion(region)?.name !== region || !UUID.test(id)) throw blobError('ResourceNotFound');
    const extent = await readRawExtent(await this.stores.store(region), id.toLowerCase());
    if (!extent) throw blobError('ResourceNotFound', `No extent ${id} in region ${region}.`);
    response
      .status(200)
      .set({
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(extent.packages.length),
        'Cache-Control': 'no-store',
        'x-atrest-extent-account': extent.account,
        'x-atrest-extent-kind': extent.kind,
        'x-atrest-extent-size': String(extent.size),
        'x-atrest-extent-encrypted': String(extent.encrypted),
        ...(extent.key
          ? { 'x-atrest-extent-key-id': extent.key.keyId, 'x-atrest-extent-wrapped-key': extent.key.wrappedKey, 'x-atrest-extent-kek-version': String(extent.key.kekVersion) }
          : {}),
      })
      .end(extent.packages);
  }
}
