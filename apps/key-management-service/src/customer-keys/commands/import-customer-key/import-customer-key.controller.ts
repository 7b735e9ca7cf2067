import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { parseInput } from '../../../http/parse-input';
import { CUSTOMER_KEY_PATH, customerKeyParamsSchema, type CustomerKeyResource } from '../../customer-key.resource';
import { ImportCustomerKeyHandler } from './import-customer-key.handler';
import { importCustomerKeySchema } from './import-customer-key.schema';

interface StatusSettable {
  status(code: number): unknown;
}

/** PUT /operator/keyvault/{vault}/keys/{name}/versions/{version} {key}: 201 imported, 200 already there. */
@Controller(CUSTOMER_KEY_PATH)
export class ImportCustomerKeyController {
  constructor(private readonly handler: ImportCustomerKeyHandler) {}

  @Put()
  async import(
    @Param() params: Record<string, string>,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: StatusSettable,
  ): Promise<CustomerKeyResource> {
    const ref = parseInput(customerKeyParamsSchema, params, 'InvalidResourceName');
    const { key } = parseInput(importCustomerKeySchema, body);
    const result = await this.handler.execute(ref, key);
    response.status(result.created ? 201 : 200);
    return result.key;
  }
}
