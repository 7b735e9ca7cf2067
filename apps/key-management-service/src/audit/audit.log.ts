import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@atrest/contracts';

export type KeyOperation = 'generate' | 'unwrap' | 'rewrap';

/** Who asked what of which account's keys (known before the operation runs). */
export interface AuditRequest {
  readonly client: string;
  readonly operation: KeyOperation;
  readonly accountName: string;
  readonly kekVersion?: number;
  readonly keyId?: string;
  readonly requestId?: string;
}

/** What an allowed operation used, recorded with it. */
export interface AuditedResult<T> {
  readonly value: T;
  readonly kekVersion: number;
  readonly keyId: string;
}

export interface AuditEntry extends AuditRequest {
  readonly at: Date;
  readonly outcome: 'allowed' | 'denied';
  readonly reason?: string;
}

/**
 * Table key_audit: every issue, unwrap and re-wrap, allowed or denied. A
 * key leaves the service only after its record is written: if the audit
 * insert fails, the caller gets an error, not the key.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO key_audit (at, client, operation, account_name, kek_version, key_id, outcome, reason, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.at,
        entry.client,
        entry.operation,
        entry.accountName,
        entry.kekVersion ?? null,
        entry.keyId ?? null,
        entry.outcome,
        entry.reason ?? null,
        entry.requestId ?? null,
      ],
    );
  }

  /** Runs a key operation and records its outcome: allowed (with the version and key id used) or denied (with the refusal's code). */
  async audited<T>(request: AuditRequest, operation: () => Promise<AuditedResult<T>>): Promise<T> {
    let result: AuditedResult<T>;
    try {
      result = await operation();
    } catch (error) {
      const reason = error instanceof DomainError ? error.code : 'InternalError';
      await this.record({ ...request, at: new Date(), outcome: 'denied', reason });
      throw error;
    }
    await this.record({ ...request, kekVersion: result.kekVersion, keyId: result.keyId, at: new Date(), outcome: 'allowed' });
    return result.value;
  }
}
