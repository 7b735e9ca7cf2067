import { Injectable } from '@nestjs/common';
import type { BlobOperation } from '../blob-rest/blob-operation';
import { blobError } from '../blobs/domain/blob.errors';

/** Set Blob Service Properties: refused (get-service-properties.operation.ts says why), storing nothing. */
@Injectable()
export class SetServicePropertiesOperation implements BlobOperation {
  readonly route = { level: 'service', methods: ['PUT'], restype: 'service', comp: 'properties', writes: true } as const;

  async handle(): Promise<void> {
    throw blobError(
      'InvalidQueryParameterValue',
      'Set Blob Service Properties is not supported: atrest has no analytics logging, metrics, CORS, soft delete or static website to configure (Get Blob Service Properties shows them all off).',
    );
  }
}
