import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../blob-rest/blob-operation';
import type { BlobRequest } from '../blob-rest/blob-request';

/**
 * Get Account Information (`?restype=account&comp=properties` on the
 * account, a container or a blob; GET or HEAD): the account's SKU and kind
 * as headers, no body. atrest has no hierarchical namespace.
 */
@Injectable()
export class GetAccountInformationOperation implements BlobOperation {
  readonly route = { level: ['service', 'container', 'blob'], methods: ['GET', 'HEAD'], restype: 'account', comp: 'properties', writes: false, sas: { permissions: 'racwdl', service: true } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    response
      .status(200)
      .set({ 'x-ms-sku-name': request.account.sku, 'x-ms-account-kind': request.account.kind, 'x-ms-is-hns-enabled': 'false' })
      .end();
  }
}
