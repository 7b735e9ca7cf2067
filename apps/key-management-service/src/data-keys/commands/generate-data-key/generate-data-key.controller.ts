import { Controller, Header, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { callerOf, DataKeyClientGuard, type ClientRequest } from '../../client-auth/data-key-client.guard';
import { DataKeyOperation } from '../../client-auth/data-key-operation.decorator';
import { INTERNAL_DATA_KEYS_PATH } from '../../data-key.schema';
import { GenerateDataKeyHandler, type GeneratedDataKey } from './generate-data-key.handler';

/** POST /internal/accounts/{account}/data-keys (data plane only): {dataKey, wrappedKey, kekVersion, keyId}. */
@Controller(INTERNAL_DATA_KEYS_PATH)
@UseGuards(DataKeyClientGuard)
export class GenerateDataKeyController {
  constructor(private readonly handler: GenerateDataKeyHandler) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @DataKeyOperation('generate')
  generate(@Param('account') account: string, @Req() request: ClientRequest): Promise<GeneratedDataKey> {
    return this.handler.execute(callerOf(request), account.toLowerCase());
  }
}
