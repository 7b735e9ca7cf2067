/** A container of one incarnation of an account (docs/adr/0006: names are global and reusable). */
export interface ContainerKey {
  readonly account: string;
  readonly incarnation: number;
  readonly container: string;
}

export interface BlobKey extends ContainerKey {
  readonly blob: string;
}

/** The container's rows ($1-$3) of a table, or of the one `alias` names in a join. */
export const containerWhereOf = (alias?: string): string => {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return `${column('account_name')} = $1 AND ${column('account_incarnation')} = $2 AND ${column('container_name')} = $3`;
};
export const CONTAINER_WHERE = containerWhereOf();
export const BLOB_WHERE = `${CONTAINER_WHERE} AND blob_name = $4`;

export const containerParams = (key: ContainerKey): unknown[] => [key.account, key.incarnation, key.container];
export const blobParams = (key: BlobKey): unknown[] => [...containerParams(key), key.blob];

/** Event stream ids: one per container and one per blob. */
export const containerStreamId = (key: ContainerKey): string => `Container-${key.account}/${key.container}`;
export const blobStreamId = (key: BlobKey): string => `Blob-${key.account}/${key.container}/${key.blob}`;
