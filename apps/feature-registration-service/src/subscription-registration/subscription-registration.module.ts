import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '@atrest/event-store';
import { APPROVAL_POLICY, type ApprovalPolicy } from './commands/approve-feature-registration/approval-policy';
import { ApproveFeatureRegistrationController } from './commands/approve-feature-registration/approve-feature-registration.controller';
import { ApproveFeatureRegistrationHandler } from './commands/approve-feature-registration/approve-feature-registration.handler';
import { AutoApprovalScheduler } from './commands/approve-feature-registration/auto-approval.scheduler';
import { RegisterFeatureController } from './commands/register-feature/register-feature.controller';
import { RegisterFeatureHandler } from './commands/register-feature/register-feature.handler';
import { RegisterResourceProviderController } from './commands/register-resource-provider/register-resource-provider.controller';
import { RegisterResourceProviderHandler } from './commands/register-resource-provider/register-resource-provider.handler';
import { RegistrationCommandExecutor } from './commands/registration-command.executor';
import { RejectFeatureRegistrationController } from './commands/reject-feature-registration/reject-feature-registration.controller';
import { RejectFeatureRegistrationHandler } from './commands/reject-feature-registration/reject-feature-registration.handler';
import { UnregisterFeatureController } from './commands/unregister-feature/unregister-feature.controller';
import { UnregisterFeatureHandler } from './commands/unregister-feature/unregister-feature.handler';
import { UnregisterResourceProviderController } from './commands/unregister-resource-provider/unregister-resource-provider.controller';
import { UnregisterResourceProviderHandler } from './commands/unregister-resource-provider/unregister-resource-provider.handler';
import { CreateSubscriptionRegistrations1764500000000 } from './projections/migrations/1764500000000-create-subscription-registrations';
import { SubscriptionRegistrationView } from './projections/subscription-registration.view';
import { GetFeatureController } from './queries/get-feature/get-feature.controller';
import { GetFeatureHandler } from './queries/get-feature/get-feature.handler';
import { GetResourceProviderController } from './queries/get-resource-provider/get-resource-provider.controller';
import { GetResourceProviderHandler } from './queries/get-resource-provider/get-resource-provider.handler';
import { ListFeatureRegistrationsController } from './queries/list-feature-registrations/list-feature-registrations.controller';
import { ListFeatureRegistrationsHandler } from './queries/list-feature-registrations/list-feature-registrations.handler';
import { ListFeaturesController } from './queries/list-features/list-features.controller';
import { ListFeaturesHandler } from './queries/list-features/list-features.handler';
import { ListResourceProvidersController } from './queries/list-resource-providers/list-resource-providers.controller';
import { ListResourceProvidersHandler } from './queries/list-resource-providers/list-resource-providers.handler';

/** Migrations of this module's read model, after the event store's. */
export const subscriptionRegistrationMigrations = [CreateSubscriptionRegistrations1764500000000];

/** Microsoft.Storage provider and EncryptionAtRest feature registration, per subscription. */
@Module({})
export class SubscriptionRegistrationModule {
  static forRoot(policy: ApprovalPolicy): DynamicModule {
    return {
      module: SubscriptionRegistrationModule,
      controllers: [
        RegisterResourceProviderController,
        UnregisterResourceProviderController,
        RegisterFeatureController,
        UnregisterFeatureController,
        ApproveFeatureRegistrationController,
        RejectFeatureRegistrationController,
        GetResourceProviderController,
        ListResourceProvidersController,
        GetFeatureController,
        ListFeaturesController,
        ListFeatureRegistrationsController,
      ],
      providers: [
        { provide: APPROVAL_POLICY, useValue: policy },
        { provide: EventStore, useFactory: (db: DataSource) => new EventStore(db), inject: [DataSource] },
        SubscriptionRegistrationView,
        RegistrationCommandExecutor,
        RegisterResourceProviderHandler,
        UnregisterResourceProviderHandler,
        RegisterFeatureHandler,
        UnregisterFeatureHandler,
        ApproveFeatureRegistrationHandler,
        RejectFeatureRegistrationHandler,
        AutoApprovalScheduler,
        GetResourceProviderHandler,
        ListResourceProvidersHandler,
        GetFeatureHandler,
        ListFeaturesHandler,
        ListFeatureRegistrationsHandler,
      ],
    };
  }
}
