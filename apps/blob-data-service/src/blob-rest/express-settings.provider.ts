import type { Provider } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

/**
 * Express as a Blob service needs it, set while the app is being built (body
 * parsers are off for the whole app: service-app.ts):
 * - no generated ETags or 304s: ETags are the blobs' own;
 * - no X-Powered-By.
 */
export const expressSettings: Provider = {
  provide: Symbol('express-settings'),
  inject: [HttpAdapterHost],
  useFactory: (host: HttpAdapterHost) => {
    const app = host.httpAdapter.getInstance<{ set(name: string, value: unknown): void }>();
    app.set('etag', false);
    app.set('x-powered-by', false);
    return true;
  },
};
