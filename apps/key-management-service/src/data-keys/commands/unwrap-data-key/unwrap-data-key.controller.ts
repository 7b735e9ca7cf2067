import { Body, Controller, Header, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { parseInput } from '../../../http/parse-input';
import { callerOf, DataKeyClientGuard, type ClientRequest } from '../../client-auth/data-key-client.guard';
import { DataKeyOperation } from '../../client-auth/data-key-operation.decorator';
import { INTERNAL_DATA_KEYS_PATH, wrappedDataKeySchema } from '../../data-key.schema';
import { UnwrapDataKeyHandler, type UnwrappedDataKey } from './unwrap-data-key.handler';

/** POST /internal/accounts/{account}/data-keys/unwrap {wrappedKey, kekVersion} (data plane only): {dataKey, keyId}. */
@Controller(INTERNAL_DATA_KEYS_PATH)
@UseGuards(DataKeyClientGuard)
export class UnwrapDataKeyController {
  constructor(private readonly handler: UnwrapDataKeyHandler) {}

  @Post('unwrap')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @DataKeyOperation('unwrap')
  unwrap(@Param('account') account: string, @Body() body: unknown, @Req() request: ClientRequest): Promise<UnwrappedDataKey> {
    const { wrappedKey, kekVersion } = parseInput(wrappedDataKeySchema, body);
    return this.handler.execute(callerOf(request), account.toLowerCase(), wrappedKey, kekVersion);
  }
}
