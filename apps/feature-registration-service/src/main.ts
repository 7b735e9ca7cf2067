import { bootstrapService } from '@atrest/platform';
import { AppModule } from './app.module';
import { configSchema } from './config';

void bootstrapService({ name: 'feature-registration-service', configSchema, createModule: (config) => AppModule.forRoot(config) });
