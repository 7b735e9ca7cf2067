import { COPY_SOURCE_GRANT_HEADER, decodeSasGrant } from '@atrest/azure-wire';
import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../account-encryption/account-directory';
import type { BlobRequest } from '../../blob-rest/blob-request';
import { authorizeSas, checkSasCopySource } from '../../blob-rest/sas-authorization';
import { DataKeys } from '../../keys/data-keys';
import { AccountPlacement } from '../../region-stores/account-placement';
import { blobError } from '../domain/blob.errors';
import { checkBlobAccess } from '../domain/blob-access';
import { checkSourceConditions, parseLeaseId, parseSourceConditions } from '../domain/conditions';
import { checkCopySourceAccess, checkSourceReadable, parseCopySource, type CopySource } from '../domain/copy-source';
import { WHOLE_BLOB } from '../domain/page-ranges';
import { findBlobWithContent } from '../store/blob.repository';
import type { CopyFrom } from './copy-blob/copy-content';

/** What reading a copy source asks of a SAS in its URL: r, on a blob (an account SAS's o). */
const READ_SOURCE = { level: 'blob', methods: ['GET'], writes: false, sas: { permissions: 'r', service: true } } as const;

/**
 * The source blob a request names in x-ms-copy-source (Copy Blob, Put Blob
 * From URL, Put Block From URL), opened for reading once this request may
 * read it: through a SAS in the source URL (the gateway verified it; its
 * grant must allow reading the blob, any account), or else of this or
 * another account of the subscription (copy-source.ts; under a SAS, one the
 * request's SAS could read: checkSasCopySource); 404 CannotVerifyCopySource
 * when it does not exist, and while it holds the lease x-ms-source-lease-id
 * names, if any, and meets the source conditions (x-ms-source-if-*: 412
 * SourceConditionNotMet), so a copy made in several requests (each with
 * x-ms-source-if-match) is refused once its source changed.
 */
@Injectable()
export class CopySources {
  constructor(
    @Inject(DataKeys) private readonly keys: DataKeys,
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @Inject(AccountPlacement) private readonly placement: AccountPlacement,
  ) {}

  async open(request: BlobRequest): Promise<{ readonly source: CopySource; readonly from: CopyFrom }> {
    const source = parseCopySource(request.header('x-ms-copy-source'));
    // A SAS of the source's own authorizes the read (checked once its store is known); without one, the
    // request's authority must reach the source: its own SAS's reach, and the subscription rule.
    const sourceGrant = decodeSasGrant(request.header(COPY_SOURCE_GRANT_HEADER));
    if (!sourceGrant) checkSasCopySource(request.sasGrant, { account: request.account.name, container: request.containerName! }, source);
    const sameAccount = source.account === request.account.name;
    const found = sameAccount ? request.account : await this.accounts.find(source.account);
    const account = sourceGrant ? checkSourceReadable(source.account, found) : checkCopySourceAccess(request.account, source.account, found);
    const store = sameAccount ? request.store : await this.placement.storeFor(account, 'primary');
    if (sourceGrant) await authorizeSas(sourceGrant, READ_SOURCE, 'blob', { store, account, container: source.container }, request.now);
    const key = { account: account.name, incarnation: account.incarnation, container: source.container, blob: source.blob };
    // The row and its whole layout or page ranges in one statement: the conditions are checked on the version copied.
    const read = await findBlobWithContent(store, key, WHOLE_BLOB);
    if (!read) throw blobError('CannotVerifyCopySource', 'The specified blob does not exist.');
    const { blob, layout, pages } = read;
    checkBlobAccess({ leaseId: parseLeaseId('x-ms-source-lease-id', request.header('x-ms-source-lease-id')) }, blob, 'read');
    checkSourceConditions(parseSourceConditions(request.header), blob);
    return { source, from: { key, blob, pinned: { layout, pages }, reading: { store, keys: this.keys, account: account.name, container: source.container, blob: source.blob, requestId: request.requestId } } };
  }
}
