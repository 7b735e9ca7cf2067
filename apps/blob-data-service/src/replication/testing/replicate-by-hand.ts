// For specs (not part of the app): the internal replication API driven the
// way replicator-service drives it, one stream at a time, from the account's
// primary region store to its pair.

type Json = Record<string, unknown>;

export interface InternalReply {
  readonly status: number;
  readonly body: Json;
  readonly code: string | null;
}

export interface ReplicationByHand {
  call(method: string, path: string, body?: unknown): Promise<InternalReply>;
  snapshot(kind: 'blob' | 'container', container: string, blob?: string): Promise<Json>;
  apply(kind: 'blob' | 'container', container: string, blob: string | undefined, snapshot: unknown): Promise<Json>;
  /** GET the stored bytes from the primary, PUT them to the secondary with the same headers; the status of the PUT. */
  copyExtent(id: string): Promise<number>;
  /** Snapshot, apply, bring over what the apply asks for, apply again; every outcome in order. */
  replicateBlob(container: string, blob: string): Promise<Json[]>;
  replicateContainer(container: string): Promise<Json>;
  syncState(): Promise<Json>;
  /** The query of a container or blob address. */
  address(container: string, blob?: string): string;
}

export const replicationByHand = (base: string, account: string, incarnation = 1, primary = 'eastus', secondary = 'westus'): ReplicationByHand => {
  const address = (container: string, blob?: string) =>
    new URLSearchParams({ account, incarnation: String(incarnation), container, ...(blob === undefined ? {} : { blob }) }).toString();
  const call = async (method: string, path: string, body?: unknown): Promise<InternalReply> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Json) : {}, code: response.headers.get('x-ms-error-code') };
  };
  const snapshot = async (kind: 'blob' | 'container', container: string, blob?: string) =>
    (await call('GET', `/internal/replication/regions/${primary}/${kind}?${address(container, blob)}`)).body;
  const apply = async (kind: 'blob' | 'container', container: string, blob: string | undefined, body: unknown) =>
    (await call('PUT', `/internal/replication/regions/${secondary}/${kind}?${address(container, blob)}`, body)).body;
  const copyExtent = async (id: string) => {
    const source = await fetch(`${base}/internal/regions/${primary}/extents/${id}`);
    if (source.status !== 200) return source.status;
    const headers = Object.fromEntries([...source.headers].filter(([name]) => name.startsWith('x-atrest-extent-')));
    const put = await fetch(`${base}/internal/replication/regions/${secondary}/extents/${id}`, { method: 'PUT', headers, body: Buffer.from(await source.arrayBuffer()) });
    return put.status;
  };
  const replicateContainer = async (container: string) => apply('container', container, undefined, await snapshot('container', container));
  return {
    call,
    snapshot,
    apply,
    copyExtent,
    replicateContainer,
    address,
    async replicateBlob(container, blob) {
      const outcomes: Json[] = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        const outcome = await apply('blob', container, blob, await snapshot('blob', container, blob));
        outcomes.push(outcome);
        if (outcome.outcome === 'missing-extents') for (const id of outcome.missing as string[]) await copyExtent(id);
        else if (outcome.outcome === 'container-mismatch') await replicateContainer(container);
        else return outcomes;
      }
      throw new Error(`blob ${blob} did not converge: ${JSON.stringify(outcomes)}`);
    },
    async syncState() {
      return (await call('GET', `/internal/replication/accounts/${account}/sync-state?primary=${primary}&secondary=${secondary}`)).body;
    },
  };
};
