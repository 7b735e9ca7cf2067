import { Inject, Injectable } from '@nestjs/common';
import { resolveFeature } from '../../domain/provider-catalog';
import { featureResponse, type FeatureResponse } from '../../responses/feature.response';
import { RegistrationCommandExecutor } from '../registration-command.executor';
import type { FeatureRequest } from '../registration-requests';

/** Register-AzureRmProviderFeature: the request waits (Pending) for approval by policy or operator. */
@Injectable()
export class RegisterFeatureHandler {
  constructor(@Inject(RegistrationCommandExecutor) private readonly commands: RegistrationCommandExecutor) {}

  async execute({ subscriptionId, namespace, featureName, metadata }: FeatureRequest): Promise<FeatureResponse> {
    const feature = resolveFeature(namespace, featureName);
    const registration = await this.commands.execute({ type: 'RegisterFeature', subscriptionId, now: new Date() }, metadata);
    return featureResponse(subscriptionId, feature, registration);
  }
}
