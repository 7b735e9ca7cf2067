import { Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { parseInput } from '../../../http/parse-input';
import { requestMetadata } from '../../../http/request-metadata';
import { CUSTOMER_KEY_PATH, customerKeyParamsSchema } from '../../customer-key.resource';
import { ChangeCustomerKeyStatusHandler, type CustomerKeyStatusChange } from './change-customer-key-status.handler';

/** POST /operator/keyvault/{vault}/keys/{name}/versions/{version}/revoke and .../restore. */
@Controller(CUSTOMER_KEY_PATH)
export class ChangeCustomerKeyStatusController {
  constructor(private readonly handler: ChangeCustomerKeyStatusHandler) {}

  @Post('revoke')
  @HttpCode(200)
  revoke(@Param() params: Record<string, string>, @Headers() headers: Record<string, string>): Promise<CustomerKeyStatusChange> {
    return this.handler.execute(parseInput(customerKeyParamsSchema, params, 'InvalidResourceName'), 'revoked', requestMetadata(headers));
  }

  @Post('restore')
  @HttpCode(200)
  restore(@Param() params: Record<string, string>, @Headers() headers: Record<string, string>): Promise<CustomerKeyStatusChange> {
    return this.handler.execute(parseInput(customerKeyParamsSchema, params, 'InvalidResourceName'), 'active', requestMetadata(headers));
  }
}
