import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateKey } from '@atrest/crypto';
import { AuditLog } from '../../../audit/audit.log';
import type { Caller } from '../../client-auth/data-key-client.guard';
import { DataKeyEnvelopes } from '../../data-key.envelopes';

export interface GeneratedDataKey {
  /** The 256-bit data key in the clear, base64: returned this once, never stored. */
  dataKey: string;
  /** What the data plane stores next to its ciphertext, base64. */
  wrappedKey: string;
  kekVersion: number;
  keyId: string;
}

/** A fresh random data key, wrapped by the account's current KEK version. */
@Injectable()
export class GenerateDataKeyHandler {
  constructor(
    private readonly envelopes: DataKeyEnvelopes,
    private readonly audit: AuditLog,
  ) {}

  execute({ client, requestId }: Caller, accountName: string): Promise<GeneratedDataKey> {
    return this.audit.audited({ client, requestId, operation: 'generate', accountName }, async () => {
      const dataKey = generateKey();
      try {
        const sealed = await this.envelopes.seal(accountName, dataKey, randomUUID());
        return { value: { dataKey: dataKey.toString('base64'), ...sealed }, kekVersion: sealed.kekVersion, keyId: sealed.keyId };
      } finally {
        dataKey.fill(0);
      }
    });
  }
}
