import { echoedClientRequestId, StorageError, storageErrorXml } from '@atrest/azure-wire';
import { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

const VERSION = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A refusal by the gateway itself, as the Blob service words it: status,
 * x-ms-error-code, x-ms-request-id, the request's x-ms-version and
 * x-ms-client-request-id echoed, and the XML body (headers only on HEAD).
 */
export function sendStorageError(req: IncomingMessage, res: ServerResponse, error: StorageError, requestId: string): void {
  const headers: OutgoingHttpHeaders = { 'x-ms-error-code': error.code, 'x-ms-request-id': requestId };
  const version = req.headers['x-ms-version'];
  if (typeof version === 'string' && VERSION.test(version)) headers['x-ms-version'] = version;
  const clientRequestId = echoedClientRequestId(req.headers['x-ms-client-request-id']);
  if (clientRequestId) headers['x-ms-client-request-id'] = clientRequestId;
  // Azure points a client without credentials at WWW-Authenticate; the scheme here is Shared Key.
  if (error.code === 'NoAuthenticationInformation') headers['www-authenticate'] = 'SharedKey';
  if (req.method === 'HEAD') {
    res.writeHead(error.status, headers);
    res.end();
    return;
  }
  const xml = storageErrorXml(error, requestId, new Date());
  res.writeHead(error.status, { ...headers, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}
