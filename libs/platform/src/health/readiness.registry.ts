import { CheckResult, ReadinessCheck, ReadinessReport } from './readiness-check';
import { shortReason } from './short-reason';

export const READINESS_CHECK_TIMEOUT_MS = 2_000;

/**
 * Every readiness check of the service. Libs contribute theirs with
 * provideReadinessCheck(...); GET /ready runs them all in parallel, each
 * bounded by a timeout. PlatformModule provides the one instance.
 */
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly timeoutMs: number = READINESS_CHECK_TIMEOUT_MS) {}

  register(check: ReadinessCheck): void {
    if (this.checks.has(check.name)) throw new Error(`readiness check "${check.name}" is registered twice`);
    this.checks.set(check.name, check);
  }

  async run(): Promise<ReadinessReport> {
    const entries = [...this.checks.values()];
    const results = await Promise.all(entries.map((check) => this.runOne(check)));
    const checks = Object.fromEntries(entries.map((check, i) => [check.name, results[i]]));
    const ready = results.every((result) => result.status === 'up');
    return { status: ready ? 'ready' : 'not ready', checks };
  }

  private async runOne(check: ReadinessCheck): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs}ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', error: shortReason(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
