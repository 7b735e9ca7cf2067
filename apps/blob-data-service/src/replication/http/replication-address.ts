import type { Request } from 'express';
import { z } from 'zod';
import { DomainError, findRegion, storageAccountName } from '@atrest/contracts';
import { checkBlobName, checkContainerName } from '../../blobs/domain/names';
import type { BlobKey, ContainerKey } from '../../blobs/store/blob-keys';
import { readSmallBody } from '../../blob-rest/read-body';
import type { RegionStore } from '../../region-stores/region-store';
import type { RegionStores } from '../../region-stores/region-stores';

// The internal replication API's addressing (docs/adr/0007): a catalogue
// region, and an account incarnation, container and blob in query parameters.

const invalid = (what: string) => new DomainError('InvalidQueryParameterValue', `${what} is missing or invalid.`);

/** The store of a catalogue region; a made-up name must not create a store. */
export const storeOfRegion = (stores: RegionStores, region: string): Promise<RegionStore> => {
  if (findRegion(region)?.name !== region) throw new DomainError('ResourceNotFound', `No region ${region}.`);
  return stores.store(region);
};

const accountQuery = z.object({ account: storageAccountName, incarnation: z.coerce.number().int().positive() });

export const containerKeyFrom = (query: Request['query']): ContainerKey => {
  const parsed = accountQuery.safeParse(query);
  if (!parsed.success) throw invalid('account or incarnation');
  if (typeof query.container !== 'string') throw invalid('container');
  return { account: parsed.data.account, incarnation: parsed.data.incarnation, container: checkContainerName(query.container) };
};

export const blobKeyFrom = (query: Request['query']): BlobKey => {
  if (typeof query.blob !== 'string') throw invalid('blob');
  return { ...containerKeyFrom(query), blob: checkBlobName(query.blob) };
};

/** Snapshot documents are small (a blob's rows), but a 5,000-extent layout is a few hundred KiB. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** A JSON request body checked against `schema` (400 InvalidInput naming the field otherwise). */
export const readJsonBody = async <S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> => {
  const text = (await readSmallBody(request, MAX_DOCUMENT_BYTES)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError('InvalidInput', 'The request body is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new DomainError('InvalidInput', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
};
