import { Module } from '@nestjs/common';
import { KeyRingModule } from '../key-ring/key-ring.module';
import { ChangeCustomerKeyStatusController } from './commands/change-customer-key-status/change-customer-key-status.controller';
import { ChangeCustomerKeyStatusHandler } from './commands/change-customer-key-status/change-customer-key-status.handler';
import { ImportCustomerKeyController } from './commands/import-customer-key/import-customer-key.controller';
import { ImportCustomerKeyHandler } from './commands/import-customer-key/import-customer-key.handler';

/** The operator's stand-in for Azure Key Vault: import, revoke and restore customer key versions. */
@Module({
  imports: [KeyRingModule],
  controllers: [ImportCustomerKeyController, ChangeCustomerKeyStatusController],
  providers: [ImportCustomerKeyHandler, ChangeCustomerKeyStatusHandler],
})
export class CustomerKeysModule {}
