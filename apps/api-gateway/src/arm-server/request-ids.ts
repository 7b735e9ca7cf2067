import { ArmHeaders } from '@atrest/azure-wire';
import { randomUUID } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';

export interface RequestIds {
  /** New for every request. */
  readonly requestId: string;
  /** The caller's x-ms-correlation-request-id when it sent a sane one, else new. */
  readonly correlationId: string;
}

const SANE_ID = /^[\w.:-]{1,128}$/;

export function requestIds(headers: IncomingHttpHeaders): RequestIds {
  const given = headers[ArmHeaders.correlationRequestId];
  const correlationId = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
  return { requestId: randomUUID(), correlationId };
}

export const idHeaders = ({ requestId, correlationId }: RequestIds): Record<string, string> => ({
  [ArmHeaders.requestId]: requestId,
  [ArmHeaders.correlationRequestId]: correlationId,
});
