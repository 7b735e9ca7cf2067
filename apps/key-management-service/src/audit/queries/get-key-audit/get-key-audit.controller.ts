import { Controller, Get, Query } from '@nestjs/common';
import { storageAccountName } from '@atrest/contracts';
import { z } from 'zod';
import { parseInput } from '../../../http/parse-input';
import { GetKeyAuditHandler, type KeyAuditRecord } from './get-key-audit.handler';

const querySchema = z.object({
  account: storageAccountName.optional(),
  from: z.iso.datetime({ offset: true }).transform((value) => new Date(value)).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** GET /operator/key-audit?account=&from=&limit=: who used which account's keys, when, allowed or denied. */
@Controller('operator/key-audit')
export class GetKeyAuditController {
  constructor(private readonly handler: GetKeyAuditHandler) {}

  @Get()
  get(@Query() query: Record<string, string>): Promise<{ value: KeyAuditRecord[] }> {
    return this.handler.execute(parseInput(querySchema, query, 'InvalidQueryParameterValue'));
  }
}
