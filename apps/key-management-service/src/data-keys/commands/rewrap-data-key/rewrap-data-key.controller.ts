import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { parseInput } from '../../../http/parse-input';
import { callerOf, DataKeyClientGuard, type ClientRequest } from '../../client-auth/data-key-client.guard';
import { DataKeyOperation } from '../../client-auth/data-key-operation.decorator';
import type { SealedDataKey } from '../../data-key.envelopes';
import { INTERNAL_DATA_KEYS_PATH, wrappedDataKeySchema } from '../../data-key.schema';
import { RewrapDataKeyHandler } from './rewrap-data-key.handler';

/** POST /internal/accounts/{account}/data-keys/rewrap {wrappedKey, kekVersion} (data plane only): {wrappedKey, kekVersion: newest, keyId}. */
@Controller(INTERNAL_DATA_KEYS_PATH)
@UseGuards(DataKeyClientGuard)
export class RewrapDataKeyController {
  constructor(private readonly handler: RewrapDataKeyHandler) {}

  @Post('rewrap')
  @HttpCode(200)
  @DataKeyOperation('rewrap')
  rewrap(@Param('account') account: string, @Body() body: unknown, @Req() request: ClientRequest): Promise<SealedDataKey> {
    const { wrappedKey, kekVersion } = parseInput(wrappedDataKeySchema, body);
    return this.handler.execute(callerOf(request), account.toLowerCase(), wrappedKey, kekVersion);
  }
}
