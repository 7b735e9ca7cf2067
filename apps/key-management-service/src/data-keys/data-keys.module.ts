import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DataKeyClientGuard } from './client-auth/data-key-client.guard';
import { KmsClients } from './client-auth/kms-clients';
import { GenerateDataKeyController } from './commands/generate-data-key/generate-data-key.controller';
import { GenerateDataKeyHandler } from './commands/generate-data-key/generate-data-key.handler';
import { RewrapDataKeyController } from './commands/rewrap-data-key/rewrap-data-key.controller';
import { RewrapDataKeyHandler } from './commands/rewrap-data-key/rewrap-data-key.handler';
import { UnwrapDataKeyController } from './commands/unwrap-data-key/unwrap-data-key.controller';
import { UnwrapDataKeyHandler } from './commands/unwrap-data-key/unwrap-data-key.handler';
import { DataKeyEnvelopes } from './data-key.envelopes';

/** The internal API the data plane uses: generate, unwrap and re-wrap data keys, each authenticated and audited. */
@Module({})
export class DataKeysModule {
  static forRoot(clients: KmsClients): DynamicModule {
    return {
      module: DataKeysModule,
      imports: [AuditModule],
      controllers: [GenerateDataKeyController, UnwrapDataKeyController, RewrapDataKeyController],
      providers: [
        { provide: KmsClients, useValue: clients },
        DataKeyClientGuard,
        DataKeyEnvelopes,
        GenerateDataKeyHandler,
        UnwrapDataKeyHandler,
        RewrapDataKeyHandler,
      ],
    };
  }
}
