import { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import { LogLevel } from '../config/settings';
import { REDACTED, REDACTED_PATHS, redactSecrets } from './redact-secrets';

const PROBE_PATHS = new Set(['/health', '/ready']);

/** nestjs-pino settings: JSON lines on stdout, credentials redacted, probes not logged. */
export function loggerParams(service: string, level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      formatters: { log: (object) => redactSecrets(object) },
      autoLogging: { ignore: (req: IncomingMessage) => PROBE_PATHS.has((req.url ?? '').split('?', 1)[0]) },
    },
  };
}
