import type { EventMetadata } from '@atrest/contracts';

type Headers = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value) || undefined;

/** Event metadata from what the gateway forwards: correlation id, request id (the cause) and the caller. */
export const requestMetadata = (headers: Headers): EventMetadata => {
  const metadata: EventMetadata = {
    correlationId: first(headers['x-ms-correlation-request-id']),
    causationId: first(headers['x-ms-request-id']),
    actor: first(headers['x-atrest-principal']),
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined));
};
