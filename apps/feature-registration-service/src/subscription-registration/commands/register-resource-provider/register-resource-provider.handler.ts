import { Inject, Injectable } from '@nestjs/common';
import { FEATURES_NAMESPACE, resolveNamespace } from '../../domain/provider-catalog';
import { SubscriptionRegistrationView } from '../../projections/subscription-registration.view';
import { providerResponse, type ProviderResponse } from '../../responses/provider.response';
import { RegistrationCommandExecutor } from '../registration-command.executor';
import type { ProviderRequest } from '../registration-requests';

/** Register-AzureRmResourceProvider: completes at once (Registered), idempotently. */
@Injectable()
export class RegisterResourceProviderHandler {
  constructor(
    @Inject(RegistrationCommandExecutor) private readonly commands: RegistrationCommandExecutor,
    @Inject(SubscriptionRegistrationView) private readonly view: SubscriptionRegistrationView,
  ) {}

  async execute({ subscriptionId, namespace, metadata }: ProviderRequest): Promise<ProviderResponse> {
    const provider = resolveNamespace(namespace);
    // Microsoft.Features is always registered: nothing to record.
    const registration =
      provider === FEATURES_NAMESPACE
        ? await this.view.find(subscriptionId)
        : await this.commands.execute({ type: 'RegisterResourceProvider', subscriptionId, now: new Date() }, metadata);
    return providerResponse(subscriptionId, provider, registration);
  }
}
