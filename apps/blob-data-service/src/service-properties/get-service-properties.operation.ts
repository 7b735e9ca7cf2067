import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../blob-rest/blob-operation';
import type { BlobRequest } from '../blob-rest/blob-request';
import { sendXml, XML_DECLARATION } from '../blob-rest/xml';

const DISABLED = '<RetentionPolicy><Enabled>false</Enabled></RetentionPolicy>';

/**
 * What the account's Blob service does besides storing blobs, as Get Blob
 * Service Properties tells it: nothing (no analytics logging or metrics, no
 * CORS rules, no soft delete, no static website), which is true of atrest.
 * Clients and tools read this when they connect; Set Blob Service
 * Properties stays refused, since atrest could not honour what it would set.
 */
const PROPERTIES =
  `${XML_DECLARATION}<StorageServiceProperties>` +
  `<Logging><Version>1.0</Version><Delete>false</Delete><Read>false</Read><Write>false</Write>${DISABLED}</Logging>` +
  `<HourMetrics><Version>1.0</Version><Enabled>false</Enabled>${DISABLED}</HourMetrics>` +
  `<MinuteMetrics><Version>1.0</Version><Enabled>false</Enabled>${DISABLED}</MinuteMetrics>` +
  `<Cors />` +
  `<DeleteRetentionPolicy><Enabled>false</Enabled></DeleteRetentionPolicy>` +
  `<StaticWebsite><Enabled>false</Enabled></StaticWebsite>` +
  `</StorageServiceProperties>`;

/** Get Blob Service Properties (`GET ?restype=service&comp=properties` on the account). */
@Injectable()
export class GetServicePropertiesOperation implements BlobOperation {
  readonly route = { level: 'service', methods: ['GET'], restype: 'service', comp: 'properties', writes: false, sas: { permissions: 'r', service: false } } as const;

  async handle(_request: BlobRequest, response: Response): Promise<void> {
    sendXml(response, 200, PROPERTIES);
  }
}
