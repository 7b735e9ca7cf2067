import type { BootstrapOptions } from '@atrest/platform';
import { AppModule } from './app.module';
import { configSchema } from './config';

/**
 * How blob-data-service is built, by main.ts and by every spec that runs it
 * in-process: without Nest's body parsers, since every body is blob data
 * streamed into extents or a small XML document its operation reads itself
 * (a Put Blob with Content-Type application/json is stored as sent).
 */
export const blobDataServiceApp = {
  name: 'blob-data-service',
  configSchema,
  createModule: (config) => AppModule.forRoot(config),
  bodyParser: false,
} as const satisfies BootstrapOptions<typeof configSchema>;
