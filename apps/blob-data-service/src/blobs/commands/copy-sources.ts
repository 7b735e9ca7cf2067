import { Inject, Injectable } from '@nestjs/common';
import { AccountDirectory } from '../../account-encryption/account-directory';
import type { BlobRequest } from '../../blob-rest/blob-request';
import { checkSasCopySource } from '../../blob-rest/sas-authorization';
import { DataKeys } from '../../keys/data-keys';
import { AccountPlacement } from '../../region-stores/account-placement';
import { blobError } from '../domain/blob.errors';
import { checkBlobAccess } from '../domain/blob-access';
import { parseLeaseId } from '../domain/conditions';
import { checkCopySourceAccess, parseCopySource, type CopySource } from '../domain/copy-source';
import { findBlob } from '../store/blob.repository';
import type { CopyFrom } from './copy-blob/copy-content';

/**
 * The source blob a request names in x-ms-copy-source (Copy Blob, Put Blob
 * From URL, Put Block From URL), opened for reading once this request may
 * read it: of this or another account of the subscription (copy-source.ts;
 * under a SAS, one the SAS could read: checkSasCopySource), 404
 * CannotVerifyCopySource when it does not exist, and while it holds the
 * lease x-ms-source-lease-id names, if any.
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
    checkSasCopySource(request.sasGrant, { account: request.account.name, container: request.containerName! }, source);
    const sameAccount = source.account === request.account.name;
    const account = checkCopySourceAccess(request.account, source.account, sameAccount ? request.account : await this.accounts.find(source.account));
    const store = sameAccount ? request.store : await this.placement.storeFor(account, 'primary');
    const key = { account: account.name, incarnation: account.incarnation, container: source.container, blob: source.blob };
    const blob = await findBlob(store, key);
    if (!blob) throw blobError('CannotVerifyCopySource', 'The specified blob does not exist.');
    checkBlobAccess({ leaseId: parseLeaseId('x-ms-source-lease-id', request.header('x-ms-source-lease-id')) }, blob, 'read');
    return { source, from: { key, blob, reading: { store, keys: this.keys, account: account.name, container: source.container, blob: source.blob, requestId: request.requestId } } };
  }
}
