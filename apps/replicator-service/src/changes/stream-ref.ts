import type { StreamRef } from '../queue/replication-queue.repository';

// The data plane's stream ids (docs/adr/0006): Container-<account>/<container>
// and Blob-<account>/<container>/<blob>. Account and container names hold no
// "/", blob names may.

/** What a stream id names, or undefined when it is not a container or blob stream. */
export const parseStreamId = (streamId: string): StreamRef | undefined => {
  const match = /^(Blob|Container)-([a-z0-9]{3,24})\/([^/]+)(?:\/(.+))?$/s.exec(streamId);
  if (!match) return undefined;
  const [, kind, account, container, blob] = match;
  if ((kind === 'Blob') !== (blob !== undefined)) return undefined;
  return { streamId, account, container, ...(blob !== undefined && { blob }) };
};

/** The stream of a container. */
export const containerStreamId = (account: string, container: string): string => `Container-${account}/${container}`;
