import { Controller, Inject, Param, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@atrest/contracts';
import { readSmallBody } from '../../../blob-rest/read-body';
import { storedSize } from '../../../extents/package-format';
import { RegionStores } from '../../../region-stores/region-stores';
import { storeOfRegion } from '../../http/replication-address';
import { insertCopiedExtent } from '../../store/copied-extent.repository';
import { parseExtentCopyHeaders } from './extent-copy.headers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * PUT /internal/replication/regions/{region}/extents/{id}: stores an extent
 * copied from another region's store, exactly as it was stored there
 * (ciphertext when encrypted; never opened here), with the headers GET
 * /internal/regions/{region}/extents/{id} gave. 201 when new, 200 when the
 * store has it already (a repeated copy changes nothing).
 */
@Controller('internal/replication/regions/:region/extents')
export class PutExtentCopyController {
  constructor(@Inject(RegionStores) private readonly stores: RegionStores) {}

  @Put(':id')
  async put(@Param('region') region: string, @Param('id') id: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (!UUID.test(id)) throw new DomainError('InvalidUri', 'Extent ids are lower-case UUIDs.');
    const extent = parseExtentCopyHeaders(request.headers);
    const expected = storedSize(extent.size, extent.encrypted);
    if (request.headers['content-length'] !== String(expected))
      throw new DomainError('InvalidHeaderValue', `An extent of ${extent.size} bytes (encrypted: ${extent.encrypted}) is stored in ${expected} bytes; Content-Length must say so.`);
    const store = await storeOfRegion(this.stores, region);
    const packages = await readSmallBody(request, expected);
    if (packages.length !== expected) throw new DomainError('InvalidInput', `The body has ${packages.length} bytes, not ${expected}.`);
    const created = await insertCopiedExtent(store, { id, ...extent, packages });
    response.status(created ? 201 : 200).end();
  }
}
