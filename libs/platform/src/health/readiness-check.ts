/**
 * One thing a service needs before it can take traffic (its database, Kafka,
 * the services behind a gateway). `check()` resolves when ready and rejects
 * with a short reason otherwise.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export type CheckResult = { status: 'up' } | { status: 'down'; error: string };

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  checks: Record<string, CheckResult>;
}
