import { BadRequestException, HttpException } from '@nestjs/common';
import { DomainError } from '@atrest/contracts';
import { ArmError } from './arm-error-body';

/** HTTP status for each domain error code of a service; codes not listed answer 400. */
export type ArmStatusTable = Readonly<Record<string, number>>;

/**
 * Any error as the ARM error it answers with: domain errors by the service's
 * status table, edge errors as they are, malformed JSON as
 * InvalidRequestContent, anything else as a 500 that shows no internals
 * (only the request id, to find the logged error).
 */
export function toArmError(exception: unknown, statusByCode: ArmStatusTable = {}, requestId?: string): ArmError {
  if (exception instanceof ArmError) return exception;
  if (exception instanceof DomainError) return new ArmError(statusByCode[exception.code] ?? 400, exception.code, exception.message);
  if (isBodyParseError(exception))
    return new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${exception.message}`);
  if (isBodyTooLarge(exception)) return contentTooLarge(exception.limit);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new ArmError(status, 'NotFound', 'The requested resource or operation was not found.');
    if (status === 405) return new ArmError(status, 'MethodNotAllowed', exception.message);
    if (status === 413) return contentTooLarge();
    if (status < 500) return new ArmError(status, 'BadRequest', exception.message);
  }
  return new ArmError(
    500,
    'InternalServerError',
    `The server encountered an internal error. Please retry the request.${requestId ? ` Request id: ${requestId}` : ''}`,
  );
}

const contentTooLarge = (limit?: number): ArmError =>
  new ArmError(413, 'RequestEntityTooLarge', `The request content is too large${limit ? ` (more than ${limit} bytes)` : ''}.`);

/** body-parser's refusal of a body over its limit: an http-errors PayloadTooLargeError, which Nest passes on as it is. */
const isBodyTooLarge = (e: unknown): e is { limit?: number } => (e as { type?: unknown } | null)?.type === 'entity.too.large';

/**
 * Malformed JSON: body-parser's own error, or (what a Nest app sees) the
 * BadRequestException Nest's router makes of it, which keeps only the
 * parser's message ("Unexpected token ... in JSON at position 12").
 */
const isBodyParseError = (e: unknown): e is Error =>
  e instanceof Error &&
  ((e as { type?: string }).type === 'entity.parse.failed' || (e instanceof BadRequestException && /\bJSON\b/.test(e.message)));
