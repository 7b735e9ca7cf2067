import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { parseArmBody } from '../../../arm/parse-arm-body';
import { ListKeysHandler } from '../../queries/list-keys/list-keys.handler';
import { ACCOUNT } from '../../storage-account.routes';
import { StorageAccountCommandExecutor } from '../storage-account-command.executor';
import { regenerateKeySchema } from './regenerate-key.schema';

@Controller(ACCOUNT)
export class RegenerateKeyController {
  constructor(
    @Inject(StorageAccountCommandExecutor) private readonly executor: StorageAccountCommandExecutor,
    @Inject(ListKeysHandler) private readonly keys: ListKeysHandler,
  ) {}

  /** Replaces key1 or key2 (the event names the key, never its value) and answers both keys, as listKeys. */
  @Post('regenerateKey')
  @HttpCode(200)
  async regenerate(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @Body() body: unknown,
    @CommandMetadata() metadata: EventMetadata,
  ) {
    const { keyName } = parseArmBody(regenerateKeySchema, body);
    const address = { subscriptionId, resourceGroup, accountName: accountName.toLowerCase() };
    await this.executor.execute({ type: 'RegenerateKey', ...address, keyName, now: new Date() }, metadata);
    return this.keys.execute(address);
  }
}
