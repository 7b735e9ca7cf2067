import { storageError } from '@atrest/azure-wire';
import type { IncomingHttpHeaders } from 'node:http';

/** The headers that carry a customer-provided key or its hash (of the blob, or of a copy source). */
const CUSTOMER_PROVIDED_KEY_HEADERS = ['x-ms-encryption-key', 'x-ms-encryption-key-sha256', 'x-ms-source-encryption-key', 'x-ms-source-encryption-key-sha256'];

/**
 * A customer-provided key (CPK) is refused, never ignored: ignoring it would
 * store the blob sealed with the account's key while the client believes it
 * holds the only key. Azure takes one only over HTTPS; over HTTP the key has
 * already crossed the network in the clear, and the refusal says so. Refused
 * here, the key goes no further than the gateway (and its logs redact it).
 * `x-ms-encryption-algorithm` alone carries no key (some SDK releases sent
 * it with every request) and is left alone.
 */
export const refuseCustomerProvidedKey = (headers: IncomingHttpHeaders, protocol: 'http' | 'https'): void => {
  const named = CUSTOMER_PROVIDED_KEY_HEADERS.find((name) => headers[name] !== undefined);
  if (named)
    throw storageError(
      'UnsupportedHeader',
      protocol === 'http'
        ? `Customer-provided encryption keys (${named}) are taken only over HTTPS, and this request came over HTTP: the key has crossed the network in the clear. atrest takes none in any case: send the request without one. While SSE is on, the account's own key seals every write.`
        : `atrest does not take customer-provided encryption keys (${named}): send the request without one. While SSE is on, the account's own key seals every write.`,
      { HeaderName: named },
    );
};
