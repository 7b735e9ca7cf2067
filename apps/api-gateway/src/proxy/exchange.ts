import { Agent, IncomingHttpHeaders, OutgoingHttpHeaders, request } from 'node:http';
import { Downstream } from '../config';
import { connectionTo, servicePathOf } from './forward-request';

/** A small answer of the service behind the gateway, read whole. */
export interface Exchanged {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * One bodiless request to the service behind the gateway whose answer is
 * read whole (a Blob Batch subrequest: an answer of headers and at most an
 * error document). Rejects when the service is unreachable or silent for
 * `timeoutMs`; the caller answers that in its own protocol.
 */
export const exchange = (
  downstream: Downstream,
  options: { readonly agent: Agent; readonly timeoutMs: number; readonly method: string; readonly path: string; readonly headers: OutgoingHttpHeaders },
): Promise<Exchanged> =>
  new Promise((resolve, reject) => {
    const target = new URL(downstream.url);
    const outgoing = request({
      ...connectionTo(downstream, target),
      method: options.method,
      path: servicePathOf(target, options.path),
      headers: { ...options.headers, host: target.host, 'content-length': '0' },
      agent: options.agent,
    });
    outgoing.setTimeout(options.timeoutMs, () => outgoing.destroy(new Error(`${downstream.name} did not answer within ${options.timeoutMs} ms`)));
    outgoing.once('error', reject);
    outgoing.once('response', (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.once('error', reject);
      answer.once('end', () => resolve({ status: answer.statusCode ?? 502, statusText: answer.statusMessage ?? '', headers: answer.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.end();
  });
