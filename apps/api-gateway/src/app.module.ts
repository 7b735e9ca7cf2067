import { provideReadinessCheckValue } from '@atrest/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AccountKeysClient } from './account-keys/account-keys.client';
import { ArmGateway } from './arm-server/arm-gateway';
import { ArmServer } from './arm-server/arm-server';
import { BlobGateway } from './blob-server/blob-gateway';
import { BlobServer } from './blob-server/blob-server';
import { ApiGatewayConfig, downstreamServices } from './config';
import { openDevTrust } from './dev-trust/dev-trust';
import { DEV_TRUST } from './dev-trust/dev-trust.token';
import { DownstreamReadinessCheck } from './readiness/downstream.readiness';

@Module({})
export class AppModule {
  static forRoot(config: ApiGatewayConfig): DynamicModule {
    return {
      module: AppModule,
      providers: [
        ...downstreamServices(config).map((service) => provideReadinessCheckValue(new DownstreamReadinessCheck(service))),
        { provide: DEV_TRUST, useFactory: () => openDevTrust(config.ATREST_DEV_DIR) },
        ArmGateway,
        ArmServer,
        AccountKeysClient,
        BlobGateway,
        BlobServer,
      ],
    };
  }
}
