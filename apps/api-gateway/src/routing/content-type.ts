import { ArmError } from '@atrest/azure-wire';
import type { IncomingHttpHeaders } from 'node:http';
import { hasBody } from '../proxy/forward-request';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/**
 * 415 UnsupportedMediaType for a body that is not JSON (curl's default
 * form encoding, text/plain, none named), as ARM answers: the services
 * parse JSON only, and would read any other body as empty and refuse it
 * for fields it did send.
 */
export function checkContentType(headers: IncomingHttpHeaders): void {
  if (!hasBody(headers)) return;
  const mediaType = (headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
  if (JSON_MEDIA_TYPE.test(mediaType)) return;
  throw new ArmError(415, 'UnsupportedMediaType', `The content media type '${mediaType || '(none)'}' is not supported. Only 'application/json' is supported.`);
}
