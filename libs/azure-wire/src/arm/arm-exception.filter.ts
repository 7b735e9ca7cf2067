import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@atrest/contracts';
import { ArmError, armErrorBody } from './arm-error-body';

/** HTTP status for each domain error code of a service; codes not listed answer 400. */
export type ArmStatusTable = Readonly<Record<string, number>>;

/**
 * The one place a management-plane service turns errors into ARM error
 * bodies: domain errors by the service's status table, edge errors as they
 * are, malformed JSON as InvalidRequestContent, anything else as a 500 with
 * no stack trace (logged with the request id instead).
 */
@Catch()
export class ArmExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ArmExceptionFilter');

  constructor(private readonly statusByCode: ArmStatusTable = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    const { status, code, message, target } = this.describe(exception, request.headers['x-ms-request-id']);
    if (status >= 500) this.logger.error({ msg: 'request failed', code, err: exception });
    response.status(status).json(armErrorBody(code, message, target));
  }

  private describe(exception: unknown, requestId?: string): { status: number; code: string; message: string; target?: string } {
    if (exception instanceof DomainError)
      return { status: this.statusByCode[exception.code] ?? 400, code: exception.code, message: exception.message };
    if (exception instanceof ArmError)
      return { status: exception.status, code: exception.code, message: exception.message, target: exception.target };
    if (isBodyParseError(exception))
      return {
        status: 400,
        code: 'InvalidRequestContent',
        message: `The request content was invalid and could not be deserialized: ${exception.message}`,
      };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return { status, code: 'NotFound', message: 'The requested resource or operation was not found.' };
      if (status === 405) return { status, code: 'MethodNotAllowed', message: exception.message };
      if (status === 413) return { status, code: 'RequestEntityTooLarge', message: 'The request content is too large.' };
      if (status < 500) return { status, code: 'BadRequest', message: exception.message };
    }
    return {
      status: 500,
      code: 'InternalServerError',
      message: `The server encountered an internal error. Please retry the request.${requestId ? ` Request id: ${requestId}` : ''}`,
    };
  }
}

const isBodyParseError = (e: unknown): e is Error =>
  e instanceof Error && (e as { type?: string }).type === 'entity.parse.failed';
