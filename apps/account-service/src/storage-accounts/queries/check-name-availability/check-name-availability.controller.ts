import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { parseArmBody } from '../../../arm/parse-arm-body';
import { isValidAccountName } from '../../domain/account-values';
import { accountNameInvalid, accountNameTaken, invalidPropertyValue } from '../../domain/storage-account.errors';
import { StorageAccountsView } from '../../projections/storage-account.view';
import { CHECK_NAME_AVAILABILITY } from '../../storage-account.routes';
import { checkNameAvailabilitySchema } from './check-name-availability.schema';

const ACCOUNT_TYPE = 'Microsoft.Storage/storageAccounts';

/** Names are global: taken means any subscription (classic accounts included) holds it now. */
@Controller(CHECK_NAME_AVAILABILITY)
export class CheckNameAvailabilityController {
  constructor(@Inject(StorageAccountsView) private readonly view: StorageAccountsView) {}

  @Post()
  @HttpCode(200)
  async check(@Body() body: unknown) {
    const { name, type } = parseArmBody(checkNameAvailabilitySchema, body);
    if (type !== undefined && type.toLowerCase() !== ACCOUNT_TYPE.toLowerCase())
      throw invalidPropertyValue(type, 'type', `Use ${ACCOUNT_TYPE}.`);
    if (!isValidAccountName(name)) return { nameAvailable: false, reason: 'AccountNameInvalid', message: accountNameInvalid(name).message };
    if (await this.view.find(name)) return { nameAvailable: false, reason: 'AlreadyExists', message: accountNameTaken(name).message };
    return { nameAvailable: true };
  }
}
