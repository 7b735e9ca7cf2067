import {
  ArmError,
  COPY_SOURCE_GRANT_HEADER,
  encodeSasGrant,
  readSasToken,
  SAS_GRANT_HEADER,
  storageError,
  StorageError,
  toStorageError,
  verifySas,
  verifySharedKey,
  type SasGrant,
} from '@atrest/azure-wire';
import { accessLogLevel, loggedPath, SERVICE_CONFIG } from '@atrest/platform';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { AccountKeys, AccountKeysClient } from '../account-keys/account-keys.client';
import { ApiGatewayConfig, Downstream, downstreamServices } from '../config';
import { isBlobBatch, serveBlobBatch, type SubRequestGateway } from '../blob-batch/blob-batch';
import { exchange } from '../proxy/exchange';
import { forwardRequest, withoutHopByHop } from '../proxy/forward-request';
import { serviceAgent } from '../proxy/service-agent';
import { checkWithAccountKeys } from './account-key-check';
import { BlobTarget, parseBlobTarget, protocolOf, sasCheckOf, type RequestLike } from './blob-target';
import { verifyCopySourceSas } from './copy-source-sas';
import { refuseCustomerProvidedKey } from './customer-provided-key';
import { sendStorageError } from './storage-error.response';

/** Headers only the gateway may set: blob-data-service trusts them. */
const TRUSTED_PREFIX = 'x-atrest-';

/** What the access log says about one request besides method, path and status (never a key or signature). */
interface RequestLog {
  account?: string;
  location?: string;
  key?: 'key1' | 'key2';
  /** The kind of SAS that authorized it (none: Shared Key). */
  sas?: SasGrant['kind'];
  /** A Blob Batch: how many subrequests it held, and how many of them failed. */
  batch?: { subRequests: number; failed: number };
}

/** Who signed a request and, for a SAS, what it grants. */
interface Authenticated {
  readonly key: number;
  readonly grant?: SasGrant;
}

/**
 * The Blob data plane's request pipeline: a request id on every answer; the
 * account from the path (unknown: 404 ResourceNotFound, as Azurite answers);
 * Shared Key, or else a shared access signature, made with either account
 * key (403 AuthenticationFailed, 401 NoAuthenticationInformation); then the
 * request streams to blob-data-service at /blob/{account}/... without
 * Authorization, with x-atrest-account, x-atrest-location and, for a SAS,
 * what it grants (SAS_GRANT_HEADER: the service checks it against the
 * operation), and its answer streams back; a customer-provided key goes no
 * further (customer-provided-key.ts). Refusals are Azure XML.
 */
@Injectable()
export class BlobGateway implements OnApplicationShutdown {
  private readonly logger = new Logger('BlobGateway');
  private readonly agent = serviceAgent();
  private readonly blobService: Downstream;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ApiGatewayConfig,
    private readonly accountKeys: AccountKeysClient,
  ) {
    this.blobService = downstreamServices(config).find((service) => service.name === 'blob-data-service')!;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomUUID();
    const log: RequestLog = {};
    res.setHeader('x-ms-request-id', requestId);
    res.once('close', () => this.logRequest(req, res, requestId, log, performance.now() - started));
    try {
      await this.serve(req, res, requestId, log);
    } catch (error) {
      if (!(error instanceof StorageError)) this.logger.error({ msg: 'blob request failed', requestId, err: error });
      // The body of a refused upload is read and dropped, so the client gets to read the answer.
      req.resume();
      if (res.headersSent) res.destroy();
      else sendStorageError(req, res, toStorageError(error), requestId);
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse, requestId: string, log: RequestLog): Promise<void> {
    const target = parseBlobTarget(req.url ?? '/');
    Object.assign(log, { account: target.account, location: target.location });
    const account = await this.accountKeys.find(target.account);
    if (!account) throw storageError('ResourceNotFound');
    const protocol = protocolOf(req);
    if (account.httpsOnly && protocol === 'http')
      throw storageError('AccountRequiresHttps', `Account ${target.account} takes HTTPS only (supportsHttpsTrafficOnly): send the request to the HTTPS endpoint.`);
    const { key, grant } = await this.authenticate(req, target, account);
    Object.assign(log, { key: key === 0 ? 'key1' : 'key2', sas: grant?.kind });
    refuseCustomerProvidedKey(req.headers, protocol);
    const copySourceGrant = await verifyCopySourceSas(req, this.accountKeys, new Date());
    // A client that waits for 100 Continue sends its body only now, so a refused upload is never sent.
    if (String(req.headers.expect).toLowerCase() === '100-continue') res.writeContinue();
    if (isBlobBatch(req.method, target)) log.batch = await serveBlobBatch(req, res, target, this.subRequestsOf(req));
    else await this.forward(req, res, target, requestId, { grant, copySourceGrant });
  }

  /** How a Blob Batch's subrequests go: each authorized as a request of its own from the batch's client, then sent on alone. */
  private subRequestsOf(batch: IncomingMessage): SubRequestGateway {
    return {
      authorize: async (sub, target, requestId) => {
        const account = await this.accountKeys.find(target.account);
        if (!account) throw storageError('ResourceNotFound');
        const { grant } = await this.authenticate({ method: sub.method, headers: sub.headers, socket: batch.socket }, target, account);
        refuseCustomerProvidedKey(sub.headers, protocolOf(batch));
        return { ...passedOn(sub.headers), ...forwardedHeaders(target, requestId, { grant }) };
      },
      send: (sub, target, headers) =>
        exchange(this.blobService, { agent: this.agent, timeoutMs: this.config.DOWNSTREAM_TIMEOUT_MS, method: sub.method, path: target.servicePath, headers }),
    };
  }

  /**
   * Shared Key (an Authorization header) or a SAS (a `sig` in the query,
   * without Authorization), against the account's keys (checkWithAccountKeys).
   */
  private authenticate(req: RequestLike, target: BlobTarget, cached: AccountKeys): Promise<Authenticated> {
    return checkWithAccountKeys(this.accountKeys, target.account, cached, verifierOf(req, target, new Date()));
  }

  private async forward(
    req: IncomingMessage,
    res: ServerResponse,
    target: BlobTarget,
    requestId: string,
    grants: { grant?: SasGrant; copySourceGrant?: SasGrant },
  ): Promise<void> {
    const requestHeaders = forwardedHeaders(target, requestId, grants);
    const callersTrustedHeaders = Object.keys(req.headers).filter((name) => name.startsWith(TRUSTED_PREFIX) && !(name in requestHeaders));
    try {
      await forwardRequest(req, res, {
        downstream: this.blobService,
        agent: this.agent,
        timeoutMs: this.config.DOWNSTREAM_TIMEOUT_MS,
        path: target.servicePath,
        requestHeaders,
        // Expect: 100-continue was this hop's business, settled above.
        dropRequestHeaders: ['authorization', 'expect', ...callersTrustedHeaders],
        responseHeaders: { 'x-ms-request-id': requestId },
      });
    } catch (error) {
      // The proxy speaks ARM; the data plane answers as the Blob service does.
      if (error instanceof ArmError && error.status === 503) throw storageError('ServerBusy');
      if (error instanceof ArmError && error.status === 504) throw storageError('OperationTimedOut');
      throw error;
    }
  }

  /** The access log (never a key or signature): ordinary requests at debug, refusals and slow ones at info, failures at error. */
  private logRequest(req: IncomingMessage, res: ServerResponse, requestId: string, log: RequestLog, ms: number): void {
    const status = res.statusCode;
    const completed = res.writableFinished;
    const line = { msg: 'blob request', method: req.method, path: loggedPath(req.url ?? ''), status, completed, ms: Math.round(ms), requestId, ...log };
    const level = accessLogLevel({ status, ms, completed });
    if (level === 'error') this.logger.error(line);
    else if (level === 'info') this.logger.log(line);
    else this.logger.debug(line);
  }

  onApplicationShutdown(): void {
    this.agent.destroy();
  }
}

/** What the gateway tells blob-data-service of a request it let through (TRUSTED_PREFIX headers, its request id). */
const forwardedHeaders = (target: BlobTarget, requestId: string, grants: { grant?: SasGrant; copySourceGrant?: SasGrant }) => ({
  'x-ms-request-id': requestId,
  'x-atrest-account': target.account,
  'x-atrest-location': target.location,
  ...(grants.grant ? { [SAS_GRANT_HEADER]: encodeSasGrant(grants.grant) } : {}),
  ...(grants.copySourceGrant ? { [COPY_SOURCE_GRANT_HEADER]: encodeSasGrant(grants.copySourceGrant) } : {}),
});

/**
 * A subrequest's headers as they go on: without its credentials, its framing
 * and connection (it goes on bodiless, over the gateway's own connection),
 * and any a caller may not set.
 */
const passedOn = (headers: IncomingMessage['headers']) =>
  Object.fromEntries(
    Object.entries(withoutHopByHop(headers, ['authorization', 'host', 'content-length', 'transfer-encoding', 'expect'])).filter(([name]) => !name.startsWith(TRUSTED_PREFIX)),
  );

/** How the request is checked against a set of keys: its SAS when it has one and no Authorization, else Shared Key. */
const verifierOf = (req: RequestLike, target: BlobTarget, now: Date): ((keys: readonly string[]) => Authenticated) => {
  const sas = req.headers.authorization === undefined ? readSasToken(target.query) : undefined;
  if (!sas) {
    const request = { method: req.method ?? 'GET', path: target.path, query: target.query, headers: req.headers };
    return (keys) => ({ key: verifySharedKey(request, { account: target.account, keys, now, resourcePaths: target.signedPaths }) });
  }
  const check = sasCheckOf(target, req, now);
  return (keys) => verifySas(sas, { ...check, keys });
};
