import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import { containerKeyOf, type BlobRequest } from '../../../blob-rest/blob-request';
import { deniesScopeOverride } from '../../../blob-rest/encryption-scope-headers';
import { httpDate } from '../../../blob-rest/response-headers';
import { blobError } from '../../../blobs/domain/blob.errors';
import { newEtag } from '../../../blobs/domain/etag';
import { parseMetadata } from '../../../blobs/domain/metadata';
import { containerStreamId } from '../../../blobs/store/blob-keys';
import { publishChange } from '../../../blobs/store/change-events';
import { insertContainer } from '../../../blobs/store/container.repository';
import { refusePublicAccess } from '../../domain/public-access';

/**
 * Create Container, with ContainerCreated in the same transaction; an
 * existing name is ContainerAlreadyExists. Every container is private: one
 * asked for with public access is refused (refusePublicAccess), not made private.
 */
@Injectable()
export class CreateContainerOperation implements BlobOperation {
  readonly route = { level: 'container', methods: ['PUT'], restype: 'container', writes: true, sas: { permissions: 'cw', service: false } } as const;

  async handle(request: BlobRequest, response: Response): Promise<void> {
    refusePublicAccess(request.header);
    const metadata = parseMetadata(request.http.rawHeaders);
    const key = containerKeyOf(request);
    const etag = newEtag();
    await request.store.transaction(async (manager) => {
      const denyEncryptionScopeOverride = deniesScopeOverride(request.header);
      if (!(await insertContainer(manager, key, { etag, lastModified: request.now, metadata, denyEncryptionScopeOverride }))) throw blobError('ContainerAlreadyExists');
      await publishChange(
        manager,
        containerStreamId(key),
        { type: 'ContainerCreated', data: { accountName: key.account, containerName: key.container, region: request.store.region, createdAt: request.now.toISOString() } },
        request.now,
        request.eventMetadata,
      );
    });
    response.status(201).set({ ETag: etag, 'Last-Modified': httpDate(request.now) }).end();
  }
}
