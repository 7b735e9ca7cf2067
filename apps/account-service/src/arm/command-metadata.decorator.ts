import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { EventMetadata } from '@atrest/contracts';

/**
 * The event metadata of a command, from the headers the gateway forwards:
 * the correlation id, the request id as causation, the caller as actor.
 */
export const CommandMetadata = createParamDecorator((_: unknown, context: ExecutionContext): EventMetadata => {
  const headers = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers;
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const metadata = {
    correlationId: header('x-ms-correlation-request-id'),
    causationId: header('x-ms-request-id'),
    actor: header('x-atrest-principal'),
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined));
});
