import { bootstrapService } from '@atrest/platform';
import { blobDataServiceApp } from './service-app';

void bootstrapService(blobDataServiceApp);
