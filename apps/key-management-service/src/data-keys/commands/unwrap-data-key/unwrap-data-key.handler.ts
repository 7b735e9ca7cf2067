import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../audit/audit.log';
import type { Caller } from '../../client-auth/data-key-client.guard';
import { DataKeyEnvelopes } from '../../data-key.envelopes';
import { decodeWrappedDataKey } from '../../wrapped-data-key';

export interface UnwrappedDataKey {
  dataKey: string;
  keyId: string;
}

/** The data key inside a wrapped key of this account (refused if it belongs to another account or version). */
@Injectable()
export class UnwrapDataKeyHandler {
  constructor(
    private readonly envelopes: DataKeyEnvelopes,
    private readonly audit: AuditLog,
  ) {}

  execute({ client, requestId }: Caller, accountName: string, wrappedKey: string, kekVersion: number): Promise<UnwrappedDataKey> {
    const keyId = decodeWrappedDataKey(wrappedKey)?.keyId;
    return this.audit.audited({ client, requestId, operation: 'unwrap', accountName, kekVersion, keyId }, async () => {
      const { dataKey, keyId: id } = await this.envelopes.open(accountName, wrappedKey, kekVersion);
      try {
        return { value: { dataKey: dataKey.toString('base64'), keyId: id }, kekVersion, keyId: id };
      } finally {
        dataKey.fill(0);
      }
    });
  }
}
