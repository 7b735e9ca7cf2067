import { ArmError } from '@atrest/azure-wire';
import { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, request, RequestOptions, ServerResponse } from 'node:http';
import { Downstream } from '../config';

/**
 * Bytes a proxied body may have buffered on each side before the other
 * waits: with Node's 16 KiB default, a 256 MiB download stopped and started
 * every chunk, bound by round trips between the processes rather than by
 * their work. Per request and direction, so memory stays bounded.
 */
export const PROXY_BUFFER_BYTES = 1024 * 1024;

/** Per-connection headers (RFC 9110 7.6.1): never passed through a proxy. Transfer-Encoding stays: Node frames the body by it. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'upgrade']);

export interface ForwardOptions {
  readonly downstream: Downstream;
  readonly agent: Agent;
  /** Idle limit: no bytes from the service for this long ends the request with a 504. */
  readonly timeoutMs: number;
  /** Set on the forwarded request (after the caller's headers, so they win). */
  readonly requestHeaders: OutgoingHttpHeaders;
  /** Headers the caller must not pass on (credentials). */
  readonly dropRequestHeaders: readonly string[];
  /** Set on the response (after the service's headers, so they win). */
  readonly responseHeaders: OutgoingHttpHeaders;
  /** Path and query to request at the service (default: the caller's, unchanged). */
  readonly path?: string;
}

/**
 * Streams a request to the service behind the gateway and its answer back,
 * without buffering either body. Resolves once the answer is sent; rejects
 * with a 503 (service unreachable) or 504 (silent too long) ARM error when
 * nothing has been sent yet. A failure mid-answer cuts the connection, the
 * only honest signal left once the status line is out.
 */
export function forwardRequest(req: IncomingMessage, res: ServerResponse, options: ForwardOptions): Promise<void> {
  const { downstream, timeoutMs } = options;
  const target = new URL(downstream.url);
  const headers: OutgoingHttpHeaders = { ...withoutHopByHop(req.headers), ...options.requestHeaders };
  for (const name of options.dropRequestHeaders) delete headers[name];
  headers.host = target.host;

  // A request without a body can be sent again: once, when the kept-alive connection it went out on
  // turns out to have been closed by the service meanwhile (Node's documented reusedSocket race).
  const bodiless = !hasBody(req.headers);

  return new Promise<void>((resolve, reject) => {
    let upstream: ClientRequest;
    // The caller went away: stop the work downstream too (nobody is left to answer).
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
      resolve();
    });
    // The caller's socket failed: 'close' follows and stops the service's side.
    res.on('error', () => res.destroy());

    const send = (isRetry: boolean): void => {
      // highWaterMark sizes the new connection's buffers (Node >= 20; not in @types/node's RequestOptions yet).
      const requestOptions: RequestOptions & { highWaterMark: number } = {
        ...connectionTo(downstream, target),
        method: req.method,
        path: servicePathOf(target, options.path ?? req.url ?? '/'),
        headers,
        agent: options.agent,
        highWaterMark: PROXY_BUFFER_BYTES,
      };
      upstream = request(requestOptions);
      upstream.setTimeout(timeoutMs, () => upstream.destroy(new DownstreamTimeout()));

      upstream.once('response', (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...withoutHopByHop(answer.headers, ['x-powered-by']), ...options.responseHeaders });
        // pipe, not pipeline: pipeline aborts an AbortController of its own at the end of every answer, and
        // that abort's DOMException (a stack trace per request) was a tenth of the gateway's time on 4 KiB reads.
        answer.pipe(res);
        // The service answered before it read the whole body (a 413): the rest is read and dropped, so the
        // caller's connection, whose body had stopped at the full pipe, can carry its next request; the
        // connection to the service, left mid-body, is closed rather than left to the service's timeouts.
        answer.once('end', () => {
          if (req.complete) return;
          req.unpipe(upstream).resume();
          upstream.destroy();
        });
        // The service failed mid-answer: cut the caller's connection, the only honest signal left.
        answer.once('close', () => {
          if (!answer.complete) res.destroy();
        });
      });
      const sent = upstream;
      upstream.once('error', (error: NodeJS.ErrnoException) => {
        if (bodiless && !isRetry && sent.reusedSocket && error.code === 'ECONNRESET' && !res.headersSent && !res.destroyed) return send(true);
        // Read what is left of the caller's body, so the connection can carry the error answer.
        req.unpipe(sent).resume();
        if (res.headersSent) {
          res.destroy();
          resolve();
          return;
        }
        reject(error instanceof DownstreamTimeout ? timedOut(downstream, timeoutMs) : unavailable(downstream));
      });

      if (bodiless) {
        req.resume();
        upstream.end();
      } else {
        // A large body's headers go out at once, not with its first chunk: the service can refuse it
        // (413 RequestBodyTooLarge, a failed condition) before the caller sends any of it.
        if (Number(req.headers['content-length']) > PROXY_BUFFER_BYTES) upstream.flushHeaders();
        // pipe, not pipeline: a failing service must not destroy the caller's connection before the 503 is written.
        req.pipe(upstream);
      }
    };
    send(false);
  });
}

class DownstreamTimeout extends Error {}

/** Whether a request carries a body: a Content-Length other than 0, or a Transfer-Encoding. */
export const hasBody = (headers: IncomingHttpHeaders): boolean => (headers['content-length'] ?? '0') !== '0' || headers['transfer-encoding'] !== undefined;

/** The path to request at the service: `path` below its URL's own path. */
export const servicePathOf = (target: URL, path: string): string => `${target.pathname.replace(/\/$/, '')}${path}`;

/** Where a connection to the service goes: its Unix socket if it has one, else its URL's host and port. */
export const connectionTo = (downstream: Downstream, url = new URL(downstream.url)): Pick<RequestOptions, 'protocol' | 'hostname' | 'port' | 'socketPath'> =>
  downstream.socketPath ? { socketPath: downstream.socketPath } : { protocol: url.protocol, hostname: url.hostname, port: url.port };

/** `headers` without the per-connection ones (HOP_BY_HOP, those Connection names) and `extra`. */
export function withoutHopByHop(headers: IncomingHttpHeaders, extra: readonly string[] = []): OutgoingHttpHeaders {
  const named = headers.connection ? headers.connection.split(',').map((name) => name.trim().toLowerCase()) : [];
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && !named.includes(name) && !extra.includes(name)) kept[name] = value;
  return kept;
}

const RETRY_AFTER_SECONDS = '5';

const unavailable = (downstream: Downstream): ArmError =>
  new ArmError(503, 'ServiceUnavailable', `The service behind this request (${downstream.name}) is unavailable. Retry the request later.`, undefined, {
    'retry-after': RETRY_AFTER_SECONDS,
  });

const timedOut = (downstream: Downstream, timeoutMs: number): ArmError =>
  new ArmError(504, 'GatewayTimeout', `The service behind this request (${downstream.name}) did not answer within ${timeoutMs} ms. Retry the request.`);
