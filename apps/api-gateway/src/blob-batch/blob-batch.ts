import { echoedClientRequestId, storageError, StorageError, storageErrorXml } from '@atrest/azure-wire';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Exchanged } from '../proxy/exchange';
import { addressedNames, parseBlobTarget, type BlobTarget } from '../blob-server/blob-target';
import { withoutHopByHop } from '../proxy/forward-request';
import { batchBoundaryOf, batchResponseBody, MAX_BATCH_BYTES, parseBatchBody, type BatchSubRequest, type BatchSubResponse } from './batch-body';

/** Subrequests sent to blob-data-service at once. */
const IN_FLIGHT = 8;

/** What the gateway does for one subrequest: authorize it as a request of its own, then send it on. */
export interface SubRequestGateway {
  /** Authenticates the subrequest (its own Shared Key or SAS) and refuses what the gateway refuses; the headers to send on. */
  authorize(sub: BatchSubRequest, target: BlobTarget, requestId: string): Promise<OutgoingHttpHeaders>;
  /** blob-data-service's answer to it. */
  send(sub: BatchSubRequest, target: BlobTarget, headers: OutgoingHttpHeaders): Promise<Exchanged>;
}

/** Whether a request is a Blob Batch: POST ?comp=batch on the account, or on a container with restype=container (anything else goes on, and is refused there). */
export const isBlobBatch = (method: string | undefined, target: BlobTarget): boolean => {
  // Every Blob request asks this: a method compare settles nearly all of them.
  if (method !== 'POST') return false;
  const query = new URLSearchParams(target.query);
  if (query.get('comp') !== 'batch') return false;
  const { container, blob } = addressedNames(target);
  return blob === undefined && (container === undefined || query.get('restype') === 'container');
};

/** The operation a subrequest is: Delete Blob or Set Blob Tier, the only two Azure batches. */
const operationOf = (sub: BatchSubRequest, target: BlobTarget): 'Delete Blob' | 'Set Blob Tier' => {
  const comp = new URLSearchParams(target.query).get('comp');
  if (addressedNames(target).blob !== undefined) {
    if (sub.method === 'DELETE' && comp === null) return 'Delete Blob';
    if (sub.method === 'PUT' && comp === 'tier') return 'Set Blob Tier';
  }
  throw storageError('InvalidInput', `Subrequest ${sub.contentId} (${sub.method} ${target.path}) is neither Delete Blob nor Set Blob Tier, the only operations a batch holds.`);
};

/** Every subrequest addresses a blob of the batch's account (and container, for a container's batch), all with one operation. */
const checkSubRequests = (subs: readonly BatchSubRequest[], batch: BlobTarget): BlobTarget[] => {
  const batchContainer = addressedNames(batch).container;
  const targets = subs.map((sub) => parseBlobTarget(sub.url));
  const operations = subs.map((sub, i) => {
    const target = targets[i];
    if (target.account !== batch.account || target.location !== 'primary')
      throw storageError('InvalidInput', `Subrequest ${sub.contentId} addresses ${target.path}, not a blob of account ${batch.account}'s primary endpoint.`);
    if (batchContainer !== undefined && addressedNames(target).container !== batchContainer)
      throw storageError('InvalidInput', `Subrequest ${sub.contentId} addresses ${target.path}: a container's batch holds requests for its own blobs only.`);
    return operationOf(sub, target);
  });
  if (new Set(operations).size > 1) throw storageError('AllBatchSubRequestsShouldBeSameApi', `This batch mixes ${[...new Set(operations)].join(' and ')}.`);
  return targets;
};

/** The body, at most MAX_BATCH_BYTES (413 RequestBodyTooLarge beyond). */
const readBody = async (req: IncomingMessage): Promise<string> => {
  const tooLarge = () => storageError('RequestBodyTooLarge', `A batch body is at most ${MAX_BATCH_BYTES} bytes.`);
  if (Number(req.headers['content-length'] ?? 0) > MAX_BATCH_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_BATCH_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const answerOf = (contentId: number | undefined, exchanged: Exchanged): BatchSubResponse => {
  const body = exchanged.body.toString('utf8');
  // The part is framed by the batch body: the service's own framing does not go with it.
  const headers = Object.entries(withoutHopByHop(exchanged.headers, ['transfer-encoding', 'content-length'])).flatMap(([name, value]) =>
    value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : String(value)] as const],
  );
  return { contentId, status: exchanged.status, statusText: exchanged.statusText, headers: body === '' ? headers : [...headers, ['content-length', String(Buffer.byteLength(body))]], body };
};

/** A refusal as a subresponse (or as the one answer to a batch refused whole): Azure's error document. */
const refusalOf = (contentId: number | undefined, error: StorageError, requestId: string): BatchSubResponse => {
  const xml = storageErrorXml(error, requestId, new Date());
  return {
    contentId,
    status: error.status,
    statusText: STATUS_CODES[error.status] ?? '',
    headers: [
      ['x-ms-error-code', error.code],
      ['x-ms-request-id', requestId],
      ['content-type', 'application/xml'],
      ['content-length', String(Buffer.byteLength(xml))],
    ],
    body: xml,
  };
};

/**
 * Blob Batch (POST ?comp=batch): up to 256 Delete Blob or Set Blob Tier
 * requests in one multipart/mixed body, each authorized on its own (its
 * Shared Key signature or SAS, as the SDK signs them) and served by
 * blob-data-service as if sent alone, 8 at a time; the answer is 202 with
 * one part per subrequest, in their order, each with its own status,
 * x-ms-request-id and, on failure, error document. A body that is not a
 * batch Azure would take is refused whole in Azure's error form (400
 * InvalidInput, ExceedsMaxBatchRequestCount, AllBatchSubRequestsShouldBeSameApi;
 * 413 RequestBodyTooLarge) before any subrequest runs.
 */
export const serveBlobBatch = async (req: IncomingMessage, res: ServerResponse, batch: BlobTarget, gateway: SubRequestGateway): Promise<{ subRequests: number; failed: number }> => {
  const boundary = batchBoundaryOf(req.headers['content-type']);
  const subs = parseBatchBody(await readBody(req), boundary);
  const targets = checkSubRequests(subs, batch);

  const answers: BatchSubResponse[] = new Array(subs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < subs.length; i = next++) {
      const sub = subs[i];
      const requestId = randomUUID();
      try {
        const headers = await gateway.authorize(sub, targets[i], requestId);
        answers[i] = answerOf(sub.contentId, await gateway.send(sub, targets[i], headers));
      } catch (error) {
        // Not a refusal: blob-data-service was unreachable or silent (exchange), which Azure words as busy.
        const refusal = error instanceof StorageError ? error : storageError('ServerBusy', 'The subrequest could not be served now; send it again.');
        answers[i] = refusalOf(sub.contentId, refusal, requestId);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, subs.length) }, worker));

  const responseBoundary = `batchresponse_${randomUUID()}`;
  const body = batchResponseBody(answers, responseBoundary);
  const clientRequestId = echoedClientRequestId(req.headers['x-ms-client-request-id']);
  res.writeHead(202, {
    'content-type': `multipart/mixed; boundary=${responseBoundary}`,
    'content-length': Buffer.byteLength(body),
    ...(typeof req.headers['x-ms-version'] === 'string' ? { 'x-ms-version': req.headers['x-ms-version'] } : {}),
    ...(clientRequestId ? { 'x-ms-client-request-id': clientRequestId } : {}),
  });
  res.end(body);
  return { subRequests: subs.length, failed: answers.filter((a) => a.status >= 400).length };
};
