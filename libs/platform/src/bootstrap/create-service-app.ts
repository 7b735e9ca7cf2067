import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { PlatformModule, PlatformOptions } from './platform.module';

export interface ServiceAppOptions<C extends PlatformOptions['config']> {
  name: string;
  config: C;
  /** The service's root module, built from its config. */
  createModule: (config: C) => Type | DynamicModule;
  /**
   * Nest's JSON and urlencoded body parsers (default on). A service whose
   * bodies are data it streams itself (blob-data-service) turns them off, so
   * no body is consumed or parsed before its handler reads it.
   */
  bodyParser?: boolean;
}

@Module({})
class ServiceRootModule {}

/**
 * Builds (does not start) a service's Nest app: express, PlatformModule
 * (pino logs, /health, /ready) plus the service's module. Errors during
 * construction are thrown, never process.abort(). Used by bootstrapService
 * and by in-process integration specs.
 */
export async function createServiceApp<C extends PlatformOptions['config']>(options: ServiceAppOptions<C>): Promise<INestApplication> {
  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [PlatformModule.forRoot({ name: options.name, config: options.config }), options.createModule(options.config)],
  };
  const app = await NestFactory.create(root, { bufferLogs: true, autoFlushLogs: false, abortOnError: false, bodyParser: options.bodyParser ?? true });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  return app;
}
