import type { Response } from 'express';
import type { BlobRequest } from './blob-request';

/** What a request addresses: the account (service), a container, or a blob. */
export type ResourceLevel = 'service' | 'container' | 'blob';

/** How the dispatch table recognises an operation: level, method and the restype/comp query values (absent = undefined). */
export interface OperationRoute {
  /** Where it is addressed; several for one answered at any level (Get Account Information). */
  readonly level: ResourceLevel | readonly ResourceLevel[];
  readonly methods: readonly string[];
  readonly restype?: string;
  readonly comp?: string;
  /**
   * Headers whose presence names this operation among those of the same
   * level, method, restype and comp (Copy Blob is a Put Blob with
   * x-ms-copy-source, Put Blob From URL one with x-ms-copy-source and
   * x-ms-blob-type); the operation naming the most of those sent wins over
   * the one naming none.
   */
  readonly headers?: readonly string[];
  /** Changes data: refused on the secondary location. */
  readonly writes: boolean;
  /** Who may call it with a shared access signature (sas-authorization.ts). */
  readonly sas: SasRule;
}

/**
 * The SAS permission letters any one of which allows an operation ('' :
 * Shared Key only, as Azure keeps container ACLs to the account's owner), and
 * whether a service SAS (one container or blob) may call it, or only an
 * account SAS. Azure's "Create an account SAS" and "Create a service SAS"
 * tables.
 */
export interface SasRule {
  readonly permissions: string;
  readonly service: boolean;
  /** The operation makes a whole new blob (Put Blob, Copy Blob, Put Blob From URL): `c` allows it too, for a blob that does not exist yet. */
  readonly create?: true;
}

/** One Blob REST operation (Azure's "Put Blob", "List Containers", ...): a use case of its own. */
export interface BlobOperation {
  readonly route: OperationRoute;
  handle(request: BlobRequest, response: Response): Promise<void>;
}

/** Injection token of the list of every operation. */
export const BLOB_OPERATIONS = Symbol('BLOB_OPERATIONS');
