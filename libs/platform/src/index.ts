// Config
export { ConfigError } from './config/config.error';
export { loadConfig, type Env } from './config/load-config';
export { brokerList, host, httpUrl, logLevel, LOG_LEVELS, port, postgresUrl, unixSocketPath, type LogLevel } from './config/settings';
export { SECRET_KEY_HINT, secretKeySetting } from './config/secret-key-setting';
export {
  databaseSettings,
  httpSettings,
  kafkaSettings,
  serviceConfigSchema,
  type HttpConfig,
  type ServiceConfig,
} from './config/base-config';

// Bootstrap
export { bootstrapService, type BootstrapOptions } from './bootstrap/bootstrap-service';
export { createServiceApp, type ServiceAppOptions } from './bootstrap/create-service-app';
export { PlatformModule, type PlatformOptions } from './bootstrap/platform.module';
export { SERVICE_CONFIG } from './bootstrap/service-config.token';

// Logging
export { accessLogLevel, loggedPath, type AccessLogLevel, type RequestOutcome } from './logging/access-log';

// Health
export type { CheckResult, ReadinessCheck, ReadinessReport } from './health/readiness-check';
export { ReadinessRegistry } from './health/readiness.registry';
export { provideReadinessCheck, provideReadinessCheckValue } from './health/provide-readiness-check';

// Database
export { DatabaseModule, type DatabaseOptions } from './database/database.module';
export { afterEveryCommit } from './database/after-commit';
export { ensureDatabase } from './database/ensure-database';
export { postgresDataSourceOptions, type PostgresDataSourceSettings } from './database/postgres-options';

// HTTP listeners
export { CLIENT_KEEP_ALIVE_MS, closeServer, listenServer, type ListenTarget } from './http/server-lifecycle';
