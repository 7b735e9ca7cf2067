import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/**
 * Express as a Blob service needs it, set while the app is being built:
 * - no body parsing: every body is blob data (streamed into extents) or a
 *   small XML document its operation reads itself. Nest installs its JSON and
 *   urlencoded parsers at init unless middleware of those names is already
 *   there (ExpressAdapter.isMiddlewareApplied), so these pass-throughs take
 *   their place: a Put Blob with Content-Type application/json is stored as sent;
 * - no generated ETags or 304s: ETags are the blobs' own;
 * - no X-Powered-By.
 */
export const expressSettings: Provider = {
  provide: Symbol('express-settings'),
  inject: [HttpAdapterHost],
  useFactory: (host: HttpAdapterHost) => {
    const app = host.httpAdapter.getInstance<{ use(handler: Middleware): void; set(name: string, value: unknown): void }>();
    app.set('etag', false);
    app.set('x-powered-by', false);
    app.use(function jsonParser(_req, _res, next) {
      next();
    });
    app.use(function urlencodedParser(_req, _res, next) {
      next();
    });
    return true;
  },
};
