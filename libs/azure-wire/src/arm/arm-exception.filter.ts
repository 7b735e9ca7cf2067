import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { armErrorBody } from './arm-error-body';
import { ArmHeaders } from './arm-headers';
import { ArmStatusTable, toArmError } from './to-arm-error';

export type { ArmStatusTable } from './to-arm-error';

/**
 * The one place a management-plane service turns errors into ARM error
 * bodies (see toArmError); a 500 is logged with the request id, its details
 * never reach the client.
 */
@Catch()
export class ArmExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ArmExceptionFilter');

  constructor(private readonly statusByCode: ArmStatusTable = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    const error = toArmError(exception, this.statusByCode, request.headers[ArmHeaders.requestId]);
    if (error.status >= 500) this.logger.error({ msg: 'request failed', code: error.code, err: exception });
    response.status(error.status).set(error.headers).json(armErrorBody(error.code, error.message, error.target));
  }
}
