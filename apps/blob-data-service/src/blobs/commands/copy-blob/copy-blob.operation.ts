import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AccountDirectory } from '../../../account-encryption/account-directory';
import type { BlobOperation } from '../../../blob-rest/blob-operation';
import type { BlobRequest } from '../../../blob-rest/blob-request';
import { keepAliveWhile } from '../../../blob-rest/keep-alive';
import { checkSasCopySource } from '../../../blob-rest/sas-authorization';
import { writeHeaders } from '../../../blob-rest/response-headers';
import { DataKeys } from '../../../keys/data-keys';
import { AccountPlacement } from '../../../region-stores/account-placement';
import { checkBlobTypeAllowed } from '../../domain/account-access';
import { ACCESS_TIER, parseAccessTier } from '../../domain/access-tier';
import { blobError } from '../../domain/blob.errors';
import { checkBlobAccess } from '../../domain/blob-access';
import { parseConditions, parseLeaseId } from '../../domain/conditions';
import { checkCopySourceAccess, parseCopySource } from '../../domain/copy-source';
import { hasMetadata, parseMetadata } from '../../domain/metadata';
import { commitBlob } from '../../store/blob-commit';
import { readMetadata, writeMetadataExtent } from '../../store/blob-metadata';
import { findBlob } from '../../store/blob.repository';
import { blobChangeOf, commitOrDiscard, extentTargetOf, preflightWrite } from '../blob-writes';
import { copyContent, type CopyFrom } from './copy-content';

/**
 * Copy Blob (Put Blob with x-ms-copy-source), synchronous: the source blob
 * of this or another account of the subscription (copy-source.ts; under a
 * SAS, one the SAS could read: checkSasCopySource) is read,
 * decrypted, and written into the destination as a new blob of its type,
 * sealed by the destination account's SSE state now. Properties and metadata
 * come from the source unless the request gives metadata. Answers 202 with
 * x-ms-copy-status success, so the SDKs' pollers finish at once. A long copy
 * sends 102 Processing meanwhile, keeping the gateway's idle timer from firing.
 */
@Injectable()
export class CopyBlobOperation implements BlobOperation {
  readonly route = { level: 'blob', methods: ['PUT'], header: 'x-ms-copy-source', writes: true, sas: { permissions: 'w', service: true } } as const;

  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @Inject(AccountPlacement) private readonly placement: AccountPlacement,
  ) {}

  async handle(request: BlobRequest, response: Response): Promise<void> {
    // Copy Blob carries no blob type; with one, this is Put Blob From URL (answered 201, with other semantics).
    if (request.header('x-ms-blob-type') !== undefined)
      throw blobError(
        'UnsupportedHeader',
        'x-ms-copy-source with x-ms-blob-type is Put Blob From URL, which is not supported: copy the blob with Copy Blob (without x-ms-blob-type), or send its bytes with Put Blob.',
      );
    const source = parseCopySource(request.header('x-ms-copy-source'));
    const conditions = parseConditions(request.header);
    const requestMetadata = parseMetadata(request.http.rawHeaders);
    const from = await this.sourceOf(request, source);
    checkBlobTypeAllowed(request.account, from.blob.blobType);
    const accessTier = parseAccessTier(request.header(ACCESS_TIER), request.account, from.blob.blobType);
    await preflightWrite(request, conditions);

    const target = extentTargetOf(request, this.keys);
    const copyId = randomUUID();
    const blob = await keepAliveWhile(response, async () => {
      const { content, data } = await copyContent(from, target);
      return commitOrDiscard(request.store, data.rows, async () => {
        const metadata = hasMetadata(requestMetadata) ? requestMetadata : await readMetadata(from.reading, from.blob.metadataExtentId);
        const metadataExtent = await writeMetadataExtent(target, metadata);
        return commitBlob(request.store, {
          ...blobChangeOf(request, conditions),
          content: () => content,
          newExtents: data.rows,
          metadataExtent,
          properties: from.blob.properties,
          sequenceNumber: from.blob.sequenceNumber,
          accessTier,
          copy: { id: copyId, source: source.url, status: 'success', progress: `${from.blob.size}/${from.blob.size}`, completedAt: request.now },
        });
      });
    });
    response
      .status(202)
      .set({ ...writeHeaders(blob.etag, blob.lastModified, target.encrypt), 'x-ms-copy-id': copyId, 'x-ms-copy-status': 'success' })
      .end();
  }

  /** The source blob, once its account may be read by this request (404 CannotVerifyCopySource when it does not exist). */
  private async sourceOf(request: BlobRequest, source: ReturnType<typeof parseCopySource>): Promise<CopyFrom> {
    checkSasCopySource(request.sasGrant, { account: request.account.name, container: request.containerName! }, source);
    const sameAccount = source.account === request.account.name;
    const account = checkCopySourceAccess(request.account, source.account, sameAccount ? request.account : await this.accounts.find(source.account));
    const store = sameAccount ? request.store : await this.placement.storeFor(account, 'primary');
    const key = { account: account.name, incarnation: account.incarnation, container: source.container, blob: source.blob };
    const blob = await findBlob(store, key);
    if (!blob) throw blobError('CannotVerifyCopySource', 'The specified blob does not exist.');
    // x-ms-source-lease-id: copy only while the source holds that lease.
    checkBlobAccess({ leaseId: parseLeaseId('x-ms-source-lease-id', request.header('x-ms-source-lease-id')) }, blob, 'read');
    return { key, blob, reading: { store, keys: this.keys, account: account.name, container: source.container, blob: source.blob, requestId: request.requestId } };
  }
}
