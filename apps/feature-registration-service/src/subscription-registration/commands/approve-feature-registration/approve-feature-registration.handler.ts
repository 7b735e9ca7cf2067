import { Inject, Injectable } from '@nestjs/common';
import { resolveFeature } from '../../domain/provider-catalog';
import { featureRegistrationResponse } from '../../responses/feature-registration.response';
import { RegistrationCommandExecutor } from '../registration-command.executor';
import type { FeatureRequest } from '../registration-requests';

export interface ApproveFeatureRegistrationRequest extends FeatureRequest {
  /** Given by the auto-approval policy: approve only a request pending this long (see the command). */
  readonly pendingForAtLeastMs?: number;
}

/** Approval of a pending request, by an operator or by the auto-approval policy: the same command either way. */
@Injectable()
export class ApproveFeatureRegistrationHandler {
  constructor(@Inject(RegistrationCommandExecutor) private readonly commands: RegistrationCommandExecutor) {}

  async execute({ subscriptionId, namespace, featureName, metadata, pendingForAtLeastMs }: ApproveFeatureRegistrationRequest) {
    resolveFeature(namespace, featureName);
    const registration = await this.commands.execute(
      { type: 'ApproveFeatureRegistration', subscriptionId, now: new Date(), pendingForAtLeastMs },
      metadata,
    );
    return featureRegistrationResponse(subscriptionId, registration);
  }
}
