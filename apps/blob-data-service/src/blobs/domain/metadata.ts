import { blobError } from './blob.errors';
import { MAX_METADATA_BYTES } from './limits';

const PREFIX = 'x-ms-meta-';
/** Metadata names are C# identifiers (Azure's rule). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Metadata = Readonly<Record<string, string>>;

/**
 * The x-ms-meta-* pairs of a request, from its raw headers (name, value,
 * name, value...: the names keep the case the client sent, as Azure returns
 * them). Refused: an empty name, a name that is not an identifier, or more
 * than 8 KiB of names and values.
 */
export const parseMetadata = (rawHeaders: readonly string[]): Metadata => {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (!rawHeaders[i].toLowerCase().startsWith(PREFIX)) continue;
    const name = rawHeaders[i].slice(PREFIX.length);
    const value = rawHeaders[i + 1];
    if (name === '') throw blobError('EmptyMetadataKey');
    if (!IDENTIFIER.test(name)) throw blobError('InvalidMetadata', `The metadata name '${name}' is not a valid C# identifier.`);
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    metadata[name] = value;
  }
  if (bytes > MAX_METADATA_BYTES) throw blobError('MetadataTooLarge');
  return metadata;
};

export const hasMetadata = (metadata: Metadata): boolean => Object.keys(metadata).length > 0;

/** The response headers that return metadata. */
export const metadataHeaders = (metadata: Metadata): Record<string, string> =>
  Object.fromEntries(Object.entries(metadata).map(([name, value]) => [`${PREFIX}${name}`, value]));
