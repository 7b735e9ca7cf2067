import { randomUUID } from 'node:crypto';
import { decodeSasGrant, echoedClientRequestId, SAS_GRANT_HEADER } from '@atrest/azure-wire';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccountDirectory } from '../account-encryption/account-directory';
import { checkAccountAccess } from '../blobs/domain/account-access';
import { blobError } from '../blobs/domain/blob.errors';
import { AccountPlacement } from '../region-stores/account-placement';
import { BLOB_OPERATIONS, type BlobOperation, type ResourceLevel } from './blob-operation';
import { parseBlobPath } from './blob-path';
import type { BlobRequest } from './blob-request';
import { checkEncryptionScopeHeaders } from './encryption-scope-headers';
import { authorizeSas, createsOnly } from './sas-authorization';
import { refuseSnapshotsAndVersions } from './snapshots-and-versions';
import { refuseUnsupportedHeaders } from './unsupported-headers';

/** The version answered when the request names none (the data-plane protocol's default). */
const DEFAULT_VERSION = '2021-12-02';

const first = (value: unknown): string | undefined => (Array.isArray(value) ? first(value[0]) : typeof value === 'string' ? value : undefined);

/**
 * Routes a Blob REST request to its operation by level, method, restype and
 * comp (Azure's dispatch), after the checks every operation shares: the
 * account exists and may be used here (as of now: cached only until a
 * change to it is heard, AccountDirectory), its region store is open, and a
 * SAS the request came with covers the operation (sas-authorization.ts; a
 * stored access policy it names is read now). Every answer, errors
 * included, echoes x-ms-version and x-ms-client-request-id (as Azure, when
 * printable and at most 1024 characters) and carries the gateway's x-ms-request-id.
 */
@Injectable()
export class OperationDispatcher {
  constructor(
    @Inject(BLOB_OPERATIONS) private readonly operations: readonly BlobOperation[],
    @Inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @Inject(AccountPlacement) private readonly placement: AccountPlacement,
  ) {}

  async dispatch(http: Request, response: Response): Promise<void> {
    const header = (name: string) => first(http.headers[name.toLowerCase()]);
    const requestId = header('x-ms-request-id') ?? randomUUID();
    // The exception filter reads the id from the request: a direct call (no gateway) gets the one made here.
    http.headers['x-ms-request-id'] = requestId;
    const clientRequestId = echoedClientRequestId(header('x-ms-client-request-id'));
    response.set({ 'x-ms-version': header('x-ms-version') ?? DEFAULT_VERSION, 'x-ms-request-id': requestId, ...(clientRequestId ? { 'x-ms-client-request-id': clientRequestId } : {}) });

    const queryValues = new Map(Object.entries(http.query).map(([name, value]) => [name.toLowerCase(), first(value)]));
    const query = (name: string) => queryValues.get(name.toLowerCase());
    const path = parseBlobPath(http.originalUrl);
    const comp = query('comp')?.toLowerCase();
    const operation = this.find(path.level, http.method, query('restype')?.toLowerCase(), comp, (name) => header(name) !== undefined);
    refuseUnsupportedHeaders(operation.route, comp, header);
    refuseSnapshotsAndVersions(path.level, query, header);
    checkEncryptionScopeHeaders(header);

    const location = header('x-atrest-location') === 'secondary' ? 'secondary' : 'primary';
    const account = checkAccountAccess(path.account, await this.accounts.find(path.account), location, operation.route.writes);
    const now = new Date();
    const store = await this.placement.storeFor(account, location);
    const granted = decodeSasGrant(header(SAS_GRANT_HEADER));
    const sasGrant = granted && (await authorizeSas(granted, operation.route, path.level, { store, account, container: path.container }, now));
    const request: BlobRequest = {
      http,
      requestId,
      now,
      account,
      store,
      containerName: path.container,
      blobName: path.blob,
      eventMetadata: { causationId: requestId, ...(header('x-ms-client-request-id') ? { correlationId: header('x-ms-client-request-id') } : {}) },
      ...(sasGrant ? { sasGrant } : {}),
      ...(createsOnly(sasGrant, operation.route) ? { createOnly: true as const } : {}),
      header,
      query,
    };
    await operation.handle(request, response);
  }

  private find(level: ResourceLevel, method: string, restype: string | undefined, comp: string | undefined, has: (header: string) => boolean): BlobOperation {
    const candidates = this.operations.filter((o) => [o.route.level].flat().includes(level) && o.route.restype === restype && o.route.comp === comp);
    if (candidates.length === 0)
      throw blobError('InvalidQueryParameterValue', `No ${level} operation has restype=${restype ?? ''} and comp=${comp ?? ''}.`);
    const byMethod = candidates.filter((o) => o.route.methods.includes(method));
    const named = byMethod.filter((o) => o.route.headers?.every(has)).sort((a, b) => b.route.headers!.length - a.route.headers!.length);
    const operation = named[0] ?? byMethod.find((o) => o.route.headers === undefined);
    if (!operation) throw blobError('UnsupportedHttpVerb');
    return operation;
  }
}
