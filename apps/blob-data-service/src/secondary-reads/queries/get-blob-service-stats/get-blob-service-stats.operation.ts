import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DomainError } from '@atrest/contracts';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { httpDate } from '../../../blob-rest/response-headers';
import { element, sendXml, XML_DECLARATION } from '../../../blob-rest/xml';
import { findGeoReplicationState } from '../../projections/geo-replication-status.view';

/**
 * Get Blob Service Stats (`GET /{account}-secondary/?restype=service&comp=stats`):
 * the account's geo-replication status and last sync time, as the replicator
 * last reported them; `bootstrap` until its first report. Azure answers it on
 * the secondary endpoint only.
 */
@Injectable()
export class GetBlobServiceStatsOperation implements BlobOperation {
  readonly route = { level: 'service', methods: ['GET'], restype: 'service', comp: 'stats', writes: false, sas: { permissions: 'r', service: false } } as const;

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    if (request.header('x-atrest-location') !== 'secondary')
      throw new DomainError('InvalidQueryParameterValue', 'Get Blob Service Stats is answered on the secondary location endpoint only.');
    const state = await findGeoReplicationState(this.db, request.account.name, request.account.incarnation);
    const xml =
      `${XML_DECLARATION}<StorageServiceStats><GeoReplication>` +
      element('Status', (state?.status ?? 'Bootstrap').toLowerCase()) +
      element('LastSyncTime', state?.lastSyncTime ? httpDate(state.lastSyncTime) : '') +
      `</GeoReplication></StorageServiceStats>`;
    sendXml(response, 200, xml);
  }
}
