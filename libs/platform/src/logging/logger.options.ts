import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import { startTime } from 'pino-http';
import { LogLevel } from '../config/settings';
import { accessLogLevel, loggedPath, requestIdOf } from './access-log';
import { REDACTED, REDACTED_PATHS, redactSecrets } from './redact-secrets';

const PROBE_PATHS = new Set(['/health', '/ready']);

type Request = IncomingMessage & { id?: unknown; originalUrl?: string };
type Response = ServerResponse & { [startTime]?: number };

/**
 * nestjs-pino settings: JSON lines on stdout, credentials redacted, probes
 * not logged, and one access-log line per request at the level
 * accessLogLevel gives it. pino-http binds the request to a child logger of
 * every request (its serializer runs whether or not a line is written), so
 * the request is serialized as the few fields the line needs, never the
 * whole object with its headers.
 */
export function loggerParams(service: string, level: LogLevel): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      formatters: { log: (object) => redactSecrets(object) },
      genReqId: (req) => requestIdOf(req.headers),
      wrapSerializers: false,
      serializers: {
        req: (req: Request) => ({ id: req.id, method: req.method, path: loggedPath(req.originalUrl ?? req.url ?? '') }),
        res: (res: ServerResponse) => ({ status: res.statusCode }),
      },
      customAttributeKeys: { responseTime: 'ms' },
      customLogLevel: (_req, res: Response, error) =>
        accessLogLevel({ status: res.statusCode, ms: Date.now() - (res[startTime] ?? Date.now()), completed: res.writableEnded, failed: error !== undefined }),
      autoLogging: { ignore: (req: IncomingMessage) => PROBE_PATHS.has((req.url ?? '').split('?', 1)[0]) },
    },
  };
}
