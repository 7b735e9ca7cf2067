import { ReadinessCheck } from '@atrest/platform';
import { Downstream } from '../config';

const TIMEOUT_MS = 1_500;

/** Readiness of a service behind the gateway: its GET /ready answers 200. */
export class DownstreamReadinessCheck implements ReadinessCheck {
  readonly name: string;

  constructor(private readonly service: Downstream) {
    this.name = service.name;
  }

  async check(): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${this.service.url}/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new Error(`unreachable at ${this.service.url}: ${causeOf(error)}`);
    }
    if (response.status !== 200) throw new Error(`not ready: HTTP ${response.status}${await failedChecks(response)}`);
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS}ms`;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** " (database: connect ECONNREFUSED ...)" from a /ready body, or "". */
async function failedChecks(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { checks?: Record<string, { status: string; error?: string }> };
    const down = Object.entries(body.checks ?? {}).filter(([, result]) => result.status !== 'up');
    return down.length > 0 ? ` (${down.map(([name, result]) => `${name}: ${result.error ?? 'down'}`).join('; ')})` : '';
  } catch {
    return '';
  }
}
