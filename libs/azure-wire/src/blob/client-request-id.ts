/** Azure echoes x-ms-client-request-id when it is printable and at most 1024 characters. */
const ECHOED = /^[\x20-\x7e]{1,1024}$/;

/** The x-ms-client-request-id to echo on an answer to a request that sent `value` (undefined: none). */
export const echoedClientRequestId = (value: unknown): string | undefined => (typeof value === 'string' && ECHOED.test(value) ? value : undefined);
