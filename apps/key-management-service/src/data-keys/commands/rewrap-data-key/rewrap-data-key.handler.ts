import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../../audit/audit.log';
import type { Caller } from '../../client-auth/data-key-client.guard';
import { DataKeyEnvelopes, type SealedDataKey } from '../../data-key.envelopes';
import { decodeWrappedDataKey } from '../../wrapped-data-key';

/**
 * A stored data key re-wrapped by the account's newest KEK version, same key
 * id: the data plane's re-wrap job swaps it in without touching ciphertext.
 * The data key itself never leaves the service on this path.
 */
@Injectable()
export class RewrapDataKeyHandler {
  constructor(
    private readonly envelopes: DataKeyEnvelopes,
    private readonly audit: AuditLog,
  ) {}

  execute({ client, requestId }: Caller, accountName: string, wrappedKey: string, kekVersion: number): Promise<SealedDataKey> {
    const keyId = decodeWrappedDataKey(wrappedKey)?.keyId;
    return this.audit.audited({ client, requestId, operation: 'rewrap', accountName, kekVersion, keyId }, async () => {
      const { dataKey, keyId: id, currentVersion } = await this.envelopes.open(accountName, wrappedKey, kekVersion);
      try {
        const sealed = currentVersion === kekVersion ? { wrappedKey, kekVersion, keyId: id } : await this.envelopes.seal(accountName, dataKey, id);
        return { value: sealed, kekVersion: sealed.kekVersion, keyId: id };
      } finally {
        dataKey.fill(0);
      }
    });
  }
}
