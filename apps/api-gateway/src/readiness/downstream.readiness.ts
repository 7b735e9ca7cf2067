import { ReadinessCheck } from '@atrest/platform';
import { get, type IncomingMessage } from 'node:http';
import { Downstream } from '../config';
import { connectionTo } from '../proxy/forward-request';

const TIMEOUT_MS = 1_500;

/** Readiness of a service behind the gateway: its GET /ready answers 200, asked the way requests reach it (its Unix socket, if it has one). */
export class DownstreamReadinessCheck implements ReadinessCheck {
  readonly name: string;

  constructor(private readonly service: Downstream) {
    this.name = service.name;
  }

  async check(): Promise<void> {
    const where = this.service.socketPath ?? this.service.url;
    let answer: { status: number; body: string };
    try {
      answer = await getReady(this.service);
    } catch (error) {
      throw new Error(`unreachable at ${where}: ${causeOf(error)}`);
    }
    if (answer.status !== 200) throw new Error(`not ready: HTTP ${answer.status}${failedChecks(answer.body)}`);
  }
}

const getReady = (service: Downstream): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const url = new URL(`${service.url}/ready`);
    const request = get({ ...connectionTo(service, url), path: url.pathname, headers: { host: url.host }, timeout: TIMEOUT_MS }, (response: IncomingMessage) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.once('error', reject);
    });
    request.once('timeout', () => request.destroy(new ReadinessTimeout()));
    request.once('error', reject);
  });

class ReadinessTimeout extends Error {}

function causeOf(error: unknown): string {
  if (error instanceof ReadinessTimeout) return `no answer within ${TIMEOUT_MS}ms`;
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}

/** " (database: connect ECONNREFUSED ...)" from a /ready body, or "". */
function failedChecks(body: string): string {
  try {
    const { checks } = JSON.parse(body) as { checks?: Record<string, { status: string; error?: string }> };
    const down = Object.entries(checks ?? {}).filter(([, result]) => result.status !== 'up');
    return down.length > 0 ? ` (${down.map(([name, result]) => `${name}: ${result.error ?? 'down'}`).join('; ')})` : '';
  } catch {
    return '';
  }
}
