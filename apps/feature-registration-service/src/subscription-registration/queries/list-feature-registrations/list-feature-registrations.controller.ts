import { Controller, Get, Inject, Query } from '@nestjs/common';
import { parseRequest } from '../../edge/parse-request';
import { OPERATOR_REGISTRATIONS_ROUTE } from '../../edge/routes';
import { ListFeatureRegistrationsHandler } from './list-feature-registrations.handler';
import { listFeatureRegistrationsQuery } from './list-feature-registrations.schema';

/** Operator endpoint (the gateway exposes /operator/... to operator tokens only). */
@Controller(OPERATOR_REGISTRATIONS_ROUTE)
export class ListFeatureRegistrationsController {
  constructor(@Inject(ListFeatureRegistrationsHandler) private readonly handler: ListFeatureRegistrationsHandler) {}

  @Get()
  list(@Query() query: unknown) {
    const { state, $top } = parseRequest(listFeatureRegistrationsQuery, query, 'InvalidQueryParameterValue');
    return this.handler.execute({ state, top: $top });
  }
}
