import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ArmHeaders } from '@atrest/azure-wire';
import type { EventMetadata } from '@atrest/contracts';

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Who and what caused a command, from the headers the api-gateway forwards:
 * the correlation id, the request id (as causation) and the token subject.
 */
export const RequestMetadata = createParamDecorator((_data: unknown, context: ExecutionContext): EventMetadata => {
  const request = context.switchToHttp().getRequest<Request>();
  const metadata = {
    correlationId: header(request, ArmHeaders.correlationRequestId),
    causationId: header(request, ArmHeaders.requestId),
    actor: header(request, ArmHeaders.principal),
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
});
