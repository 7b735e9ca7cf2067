import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LogLevel } from '../config/settings';
import { HealthController } from '../health/health.controller';
import { ReadinessRegistry } from '../health/readiness.registry';
import { loggerParams } from '../logging/logger.options';
import { SERVICE_CONFIG } from './service-config.token';

export interface PlatformOptions {
  /** Service name, e.g. "account-service": in every log line. */
  name: string;
  /** The service's validated config; injectable as SERVICE_CONFIG. */
  config: { LOG_LEVEL?: LogLevel };
}

/**
 * What every service has: pino logs, /health and /ready, the readiness
 * registry and its config. Global, so any module can contribute a readiness
 * check or inject SERVICE_CONFIG. createServiceApp imports it for you.
 */
@Module({})
export class PlatformModule {
  static forRoot({ name, config }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(name, config.LOG_LEVEL ?? 'info'))],
      controllers: [HealthController],
      providers: [
        { provide: ReadinessRegistry, useFactory: () => new ReadinessRegistry() },
        { provide: SERVICE_CONFIG, useValue: config },
      ],
      exports: [ReadinessRegistry, SERVICE_CONFIG],
    };
  }
}
