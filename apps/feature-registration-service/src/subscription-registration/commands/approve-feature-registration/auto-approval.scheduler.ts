import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ENCRYPTION_AT_REST, STORAGE_NAMESPACE } from '../../domain/provider-catalog';
import { SubscriptionRegistrationView } from '../../projections/subscription-registration.view';
import { APPROVAL_POLICY, type ApprovalPolicy } from './approval-policy';
import { ApproveFeatureRegistrationHandler } from './approve-feature-registration.handler';

const POLL_INTERVAL_MS = 250;
const BATCH_SIZE = 50;
const POLICY_ACTOR = 'feature-approval-policy';

/**
 * The `auto` approval policy: polls the read model for requests pending
 * longer than the delay and approves each through the approval command, so
 * approvals are events like an operator's. Several instances (or a restart)
 * may pick the same request: the command is idempotent and appends are
 * version-checked, so it is approved exactly once.
 */
@Injectable()
export class AutoApprovalScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AutoApprovalScheduler.name);
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private stopped = false;

  constructor(
    @Inject(APPROVAL_POLICY) private readonly policy: ApprovalPolicy,
    @Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView,
    @Inject(ApproveFeatureRegistrationHandler) private readonly approve: ApproveFeatureRegistrationHandler,
  ) {}

  onApplicationBootstrap(): void {
    if (this.policy.mode === 'auto') this.scheduleNextPass();
  }

  // Before shutdown, so a pass in flight finishes while the database is still open.
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass;
  }

  private scheduleNextPass(): void {
    this.timer = setTimeout(() => {
      this.pass = this.approveDue().finally(() => {
        if (!this.stopped) this.scheduleNextPass();
      });
    }, POLL_INTERVAL_MS);
  }

  private async approveDue(): Promise<void> {
    let due: string[];
    try {
      due = await this.view.pendingSince(new Date(Date.now() - this.policy.delayMs), BATCH_SIZE);
    } catch (error) {
      this.logger.warn({ msg: 'auto-approval could not read pending registrations; retrying', error: String(error) });
      return;
    }
    for (const subscriptionId of due) {
      if (this.stopped) return;
      try {
        await this.approve.execute({
          subscriptionId,
          namespace: STORAGE_NAMESPACE,
          featureName: ENCRYPTION_AT_REST,
          metadata: { actor: POLICY_ACTOR },
          pendingForAtLeastMs: this.policy.delayMs,
        });
      } catch (error) {
        this.logger.warn({ msg: 'auto-approval failed; retrying on the next pass', subscriptionId, error: String(error) });
      }
    }
  }
}
