import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface KeyAuditQuery {
  readonly account?: string;
  readonly from?: Date;
  readonly limit: number;
}

export interface KeyAuditRecord {
  id: number;
  at: string;
  client: string;
  operation: string;
  account: string;
  kekVersion: number | null;
  keyId: string | null;
  outcome: 'allowed' | 'denied';
  reason: string | null;
  requestId: string | null;
}

interface Row {
  id: string;
  at: Date;
  client: string;
  operation: string;
  account_name: string;
  kek_version: number | null;
  key_id: string | null;
  outcome: 'allowed' | 'denied';
  reason: string | null;
  request_id: string | null;
}

/** Audit records oldest first, optionally of one account and from a time on. */
@Injectable()
export class GetKeyAuditHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ account, from, limit }: KeyAuditQuery): Promise<{ value: KeyAuditRecord[] }> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM key_audit
        WHERE ($1::text IS NULL OR account_name = $1) AND ($2::timestamptz IS NULL OR at >= $2)
        ORDER BY at, id LIMIT $3`,
      [account ?? null, from ?? null, limit],
    );
    return {
      value: rows.map((row) => ({
        id: Number(row.id),
        at: row.at.toISOString(),
        client: row.client,
        operation: row.operation,
        account: row.account_name,
        kekVersion: row.kek_version,
        keyId: row.key_id,
        outcome: row.outcome,
        reason: row.reason,
        requestId: row.request_id,
      })),
    };
  }
}
