import { Inject, Injectable } from '@nestjs/common';
import { resolveFeature } from '../../domain/provider-catalog';
import { featureRegistrationResponse } from '../../responses/feature-registration.response';
import { RegistrationCommandExecutor } from '../registration-command.executor';
import type { FeatureRequest } from '../registration-requests';

export interface RejectFeatureRegistrationRequest extends FeatureRequest {
  readonly reason: string;
}

/** An operator turns a pending request down; the subscription is NotRegistered again and may ask anew. */
@Injectable()
export class RejectFeatureRegistrationHandler {
  constructor(@Inject(RegistrationCommandExecutor) private readonly commands: RegistrationCommandExecutor) {}

  async execute({ subscriptionId, namespace, featureName, metadata, reason }: RejectFeatureRegistrationRequest) {
    resolveFeature(namespace, featureName);
    const registration = await this.commands.execute({ type: 'RejectFeatureRegistration', subscriptionId, now: new Date(), reason }, metadata);
    return featureRegistrationResponse(subscriptionId, registration);
  }
}
