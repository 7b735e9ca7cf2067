/**
 * Headers of the management plane. The gateway sets the request and
 * correlation ids on every response and forwards them, with the caller's
 * identity, to the service behind it; services may read them (logs, audit)
 * but never check tokens themselves.
 */
export const ArmHeaders = {
  requestId: 'x-ms-request-id',
  correlationRequestId: 'x-ms-correlation-request-id',
  /** The authenticated caller (the token's subject), set only by the gateway. */
  principal: 'x-atrest-principal',
} as const;

/** The query parameter every ARM request carries. */
export const API_VERSION_PARAMETER = 'api-version';
