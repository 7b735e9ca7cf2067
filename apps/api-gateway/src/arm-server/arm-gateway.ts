import { ArmError, armErrorBody, ArmHeaders, toArmError } from '@atrest/azure-wire';
import { ReadinessRegistry, SERVICE_CONFIG } from '@atrest/platform';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { authorize } from '../auth/authorize';
import { authenticate } from '../auth/token-verifier';
import { ApiGatewayConfig, Downstream, downstreamServices } from '../config';
import { DEV_TRUST } from '../dev-trust/dev-trust.token';
import { DevTrust } from '../dev-trust/dev-trust';
import { openApiDocument } from '../openapi/openapi.document';
import { forwardRequest } from '../proxy/forward-request';
import { serviceAgent } from '../proxy/service-agent';
import { checkApiVersion } from '../routing/api-version';
import { checkContentType } from '../routing/content-type';
import { RouteMatcher } from '../routing/route-matcher';
import { idHeaders, RequestIds, requestIds } from './request-ids';

/** What the access log says about one request besides method, path and status. */
interface RequestLog {
  principal?: string;
  service?: string;
}

/**
 * The management plane's request pipeline, in this order: request ids on
 * every answer; public endpoints (/openapi.json, /healthz); authentication
 * (401); routing (404/405); authorization (403); api-version (400); a body
 * that is not JSON (415); then the request streams to the owning service.
 * Every refusal is an ARM error body.
 */
@Injectable()
export class ArmGateway implements OnApplicationShutdown {
  private readonly logger = new Logger('ArmGateway');
  private readonly routes = new RouteMatcher();
  private readonly agent = serviceAgent();
  private readonly downstream: ReadonlyMap<string, Downstream>;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ApiGatewayConfig,
    @Inject(DEV_TRUST) private readonly trust: DevTrust,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.downstream = new Map(downstreamServices(config).map((service) => [service.name, service]));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const ids = requestIds(req.headers);
    const log: RequestLog = {};
    for (const [name, value] of Object.entries(idHeaders(ids))) res.setHeader(name, value);
    res.once('close', () => this.logRequest(req, res, ids, log, performance.now() - started));
    try {
      await this.serve(req, res, ids, log);
    } catch (error) {
      const armError = toArmError(error, {}, ids.requestId);
      if (!(error instanceof ArmError)) this.logger.error({ msg: 'request failed', requestId: ids.requestId, err: error });
      if (res.headersSent) res.destroy();
      else sendJson(res, armError.status, armErrorBody(armError.code, armError.message, armError.target), armError.headers);
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse, ids: RequestIds, log: RequestLog): Promise<void> {
    const method = req.method ?? 'GET';
    const { path, query } = splitTarget(req.url ?? '');
    if (method === 'GET' && path === '/openapi.json') return sendJson(res, 200, openApiDocument(`https://${req.headers.host ?? '127.0.0.1'}`));
    if (method === 'GET' && path === '/healthz') return this.healthz(res);

    const principal = await authenticate(req.headers.authorization, this.trust.tokenKey, this.config.ARM_TOKEN_AUDIENCE);
    log.principal = principal.subject;
    const match = this.routes.match(method, path);
    log.service = match.route.service;
    authorize(principal, match, method);
    checkApiVersion(match.route, query);
    checkContentType(req.headers);

    const requestHeaders: OutgoingHttpHeaders = {
      ...idHeaders(ids),
      [ArmHeaders.principal]: principal.subject,
      // Services that answer with absolute URLs (Location, Azure-AsyncOperation) build them from these.
      'x-forwarded-proto': 'https',
      'x-forwarded-host': req.headers.host ?? `127.0.0.1:${this.config.ARM_PORT}`,
    };
    await forwardRequest(req, res, {
      downstream: this.downstream.get(match.route.service)!,
      agent: this.agent,
      timeoutMs: this.config.DOWNSTREAM_TIMEOUT_MS,
      requestHeaders,
      dropRequestHeaders: ['authorization'],
      responseHeaders: idHeaders(ids),
    });
  }

  /** 200 with the readiness report when every service behind the gateway is ready, else 503 with an ARM error naming the ones that are not. */
  private async healthz(res: ServerResponse): Promise<void> {
    const report = await this.readiness.run();
    if (report.status === 'ready') return sendJson(res, 200, report);
    const down = Object.entries(report.checks).flatMap(([name, result]) => (result.status === 'down' ? [`${name} (${result.error})`] : []));
    sendJson(res, 503, { ...report, ...armErrorBody('ServiceUnavailable', `Not ready: ${down.join('; ')}.`) });
  }

  private logRequest(req: IncomingMessage, res: ServerResponse, ids: RequestIds, log: RequestLog, ms: number): void {
    this.logger.log({
      msg: 'request',
      method: req.method,
      path: (req.url ?? '').split('?', 1)[0],
      status: res.statusCode,
      completed: res.writableFinished,
      ms: Math.round(ms),
      requestId: ids.requestId,
      correlationId: ids.correlationId,
      ...log,
    });
  }

  onApplicationShutdown(): void {
    this.agent.destroy();
  }
}

/** "/a/b?x=1" -> path "/a/b" (raw, not normalised: the service gets exactly what was routed), query. */
function splitTarget(target: string): { path: string; query: URLSearchParams } {
  if (!target.startsWith('/')) throw new ArmError(400, 'InvalidRequestUri', 'The request target must be a path (origin-form).');
  const at = target.indexOf('?');
  return at < 0 ? { path: target, query: new URLSearchParams() } : { path: target.slice(0, at), query: new URLSearchParams(target.slice(at + 1)) };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
