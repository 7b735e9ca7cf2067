import { Inject, Injectable } from '@nestjs/common';
import { resolveFeature } from '../../domain/provider-catalog';
import { featureResponse, type FeatureResponse } from '../../responses/feature.response';
import { RegistrationCommandExecutor } from '../registration-command.executor';
import type { FeatureRequest } from '../registration-requests';

/** Unregister-AzureRmProviderFeature: leaves the feature, or withdraws a pending request, at once (Unregistered). */
@Injectable()
export class UnregisterFeatureHandler {
  constructor(@Inject(RegistrationCommandExecutor) private readonly commands: RegistrationCommandExecutor) {}

  async execute({ subscriptionId, namespace, featureName, metadata }: FeatureRequest): Promise<FeatureResponse> {
    const feature = resolveFeature(namespace, featureName);
    const registration = await this.commands.execute({ type: 'UnregisterFeature', subscriptionId, now: new Date() }, metadata);
    return featureResponse(subscriptionId, feature, registration);
  }
}
