import { z } from 'zod';
import { RESPONSE_HEADER_OVERRIDES, type ResponseHeaderOverride } from './sas-token';

const responseHeaders = z
  .object(Object.fromEntries(Object.keys(RESPONSE_HEADER_OVERRIDES).map((name) => [name, z.string()])) as Record<ResponseHeaderOverride, z.ZodString>)
  .partial()
  .strict();

const sasGrantSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account'), permissions: z.string(), resourceTypes: z.string() }).strict(),
  z
    .object({
      kind: z.enum(['container', 'blob']),
      permissions: z.string(),
      /** Headers Get Blob answers with instead of the stored ones (rscc...), as signed. */
      responseHeaders: responseHeaders.optional(),
      /**
       * A stored access policy of the container (si): it supplies whichever
       * of permissions, start and expiry the token left empty; `start` and
       * `expiry` are the token's own ('' : not given).
       */
      storedPolicy: z.object({ id: z.string().min(1), start: z.string(), expiry: z.string() }).strict().optional(),
    })
    .strict(),
]);

/**
 * What a verified SAS allows, as the gateway hands it to blob-data-service
 * (SAS_GRANT_HEADER): the permission letters and, for an account SAS, the
 * resource types (s: service, c: container, o: object); a service SAS
 * reaches the container or blob it was signed for, which the signature
 * already pinned, and may carry the response headers Get Blob must answer
 * with (as signed: the service never reads them off the query itself) and
 * the stored access policy it refers to. blob-data-service checks it
 * against the operation.
 */
export type SasGrant = z.infer<typeof sasGrantSchema>;

/** Set only by the gateway (it drops every x-atrest- header a caller sends). */
export const SAS_GRANT_HEADER = 'x-atrest-sas-grant';
/** What the SAS in a request's x-ms-copy-source URL grants on the source, verified by the gateway likewise. */
export const COPY_SOURCE_GRANT_HEADER = 'x-atrest-copy-source-grant';

/** JSON, percent-encoded: header-safe whatever the overrides hold (a UTF-8 file name, say). */
export const encodeSasGrant = (grant: SasGrant): string => encodeURIComponent(JSON.stringify(grant));

/** The grant a header carries; undefined when there is none (Shared Key) or it is not one the gateway makes. */
export function decodeSasGrant(value: string | undefined): SasGrant | undefined {
  if (!value) return undefined;
  try {
    const parsed = sasGrantSchema.safeParse(JSON.parse(decodeURIComponent(value)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
