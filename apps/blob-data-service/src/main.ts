import { bootstrapService } from '@atrest/platform';
import { AppModule } from './app.module';
import { configSchema } from './config';

void bootstrapService({ name: 'blob-data-service', configSchema, createModule: (config) => AppModule.forRoot(config) });
