import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { ConfigError } from '../config/config.error';
import { Env, loadConfig } from '../config/load-config';
import { HttpConfig } from '../config/base-config';
import { createServiceApp } from './create-service-app';
import { describeStartupError } from './describe-startup-error';

export interface BootstrapOptions<S extends z.ZodObject> {
  /** Service name: "account-service". */
  name: string;
  /** The service's env schema; must include PORT, HOST and LOG_LEVEL (httpSettings). */
  configSchema: S;
  createModule: (config: z.output<S>) => Type | DynamicModule;
  env?: Env;
  /** See ServiceAppOptions.bodyParser (default on). */
  bodyParser?: boolean;
}

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * A service's main(): validate config (exit 1 with one line per bad setting),
 * build the app, listen on HOST:PORT and log "<name> listening on http://...".
 * On SIGTERM/SIGINT Nest runs its shutdown hooks (consumers, relays, the
 * DataSource) and the process exits 0. A failed start prints a short reason
 * to stderr and exits 1.
 */
export async function bootstrapService<S extends z.ZodObject>(options: BootstrapOptions<S>): Promise<INestApplication> {
  const { name } = options;
  const config = loadOrExit(options) as z.output<S> & HttpConfig;
  try {
    const app = await createServiceApp({ name, config, createModule: options.createModule, bodyParser: options.bodyParser });
    app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
    await app.listen(config.PORT, config.HOST);
    const logger = app.get(Logger);
    logger.log(`${name} listening on ${listeningUrl(app, config.HOST)}`);
    watchShutdown(name, logger);
    return app;
  } catch (error) {
    const withStack = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
    return exitWith(name, 'failed to start', describeStartupError(error, withStack));
  }
}

function loadOrExit<S extends z.ZodObject>({ name, configSchema, env }: BootstrapOptions<S>): z.output<S> {
  try {
    return loadConfig(configSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return exitWith(name, 'invalid configuration', error.problems);
    throw error;
  }
}

/**
 * Nest's own signal handler closes the app and exits 0 (it ignores repeated
 * signals); this one logs the stop and exits 1 if closing hangs.
 */
function watchShutdown(name: string, logger: Logger): void {
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      logger.log(`${name} stopping (${signal})`);
      setTimeout(() => exitWith(name, 'did not stop', [`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS}ms`]), SHUTDOWN_TIMEOUT_MS);
    });
  }
}

function exitWith(name: string, what: string, lines: readonly string[]): never {
  process.stderr.write([`atrest ${name}: ${what}`, ...lines.map((line) => `  ${line}`), ''].join('\n'));
  process.exit(1);
}

function listeningUrl(app: INestApplication, host: string): string {
  const address = app.getHttpServer().address() as { port: number } | string | null;
  const port = typeof address === 'object' && address ? address.port : '?';
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
