import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@atrest/contracts';
import { FEATURES_NAMESPACE, resolveNamespace } from '../../domain/provider-catalog';
import { RegistrationErrorCodes } from '../../domain/subscription-registration.errors';
import { providerResponse, type ProviderResponse } from '../../responses/provider.response';
import { RegistrationCommandExecutor } from '../registration-command.executor';
import type { ProviderRequest } from '../registration-requests';

/** Unregister-AzureRmResourceProvider: completes at once (Unregistered); feature registrations are kept. */
@Injectable()
export class UnregisterResourceProviderHandler {
  constructor(@Inject(RegistrationCommandExecutor) private readonly commands: RegistrationCommandExecutor) {}

  async execute({ subscriptionId, namespace, metadata }: ProviderRequest): Promise<ProviderResponse> {
    const provider = resolveNamespace(namespace);
    if (provider === FEATURES_NAMESPACE)
      throw new DomainError(
        RegistrationErrorCodes.resourceProviderUnregistrationNotAllowed,
        `The resource provider '${FEATURES_NAMESPACE}' cannot be unregistered: feature registrations depend on it.`,
      );
    const registration = await this.commands.execute({ type: 'UnregisterResourceProvider', subscriptionId, now: new Date() }, metadata);
    return providerResponse(subscriptionId, provider, registration);
  }
}
