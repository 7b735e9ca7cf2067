import { Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';
import { CommandMetadata } from '../../../arm/command-metadata.decorator';
import { ACCOUNT } from '../../storage-account.routes';
import { StorageAccountCommandExecutor } from '../storage-account-command.executor';

@Controller(ACCOUNT)
export class DeleteStorageAccountController {
  constructor(@Inject(StorageAccountCommandExecutor) private readonly executor: StorageAccountCommandExecutor) {}

  /** 200 when deleted, 204 when there was nothing to delete (ARM's idempotent delete). Keys go with the account. */
  @Delete()
  async delete(
    @Param('subscriptionId') subscriptionId: string,
    @Param('resourceGroupName') resourceGroup: string,
    @Param('accountName') accountName: string,
    @CommandMetadata() metadata: EventMetadata,
    @Res({ passthrough: true }) response: { status(code: number): unknown },
  ): Promise<void> {
    const events = await this.executor.execute(
      { type: 'DeleteStorageAccount', subscriptionId, resourceGroup, accountName: accountName.toLowerCase(), now: new Date() },
      metadata,
    );
    response.status(events.length > 0 ? 200 : 204);
  }
}
