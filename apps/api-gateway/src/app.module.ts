import { provideReadinessCheckValue } from '@atrest/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { ApiGatewayConfig, downstreamServices } from './config';
import { DownstreamReadinessCheck } from './readiness/downstream.readiness';

@Module({})
export class AppModule {
  static forRoot(config: ApiGatewayConfig): DynamicModule {
    return {
      module: AppModule,
      providers: downstreamServices(config).map((service) => provideReadinessCheckValue(new DownstreamReadinessCheck(service))),
    };
  }
}
