import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@atrest/contracts';
import { SERVICE_CONFIG } from '@atrest/platform';
import type { BlobDataServiceConfig } from '../config';

export interface IssuedDataKey {
  readonly key: Buffer;
  readonly wrappedKey: string;
  readonly kekVersion: number;
  readonly keyId: string;
}

/** A stored data key's new wrapped form: same key id, wrapped by the account's newest KEK version. */
export interface RewrappedDataKey {
  readonly wrappedKey: string;
  readonly kekVersion: number;
  readonly keyId: string;
}

const keyServiceBusy = (reason: string): DomainError =>
  new DomainError('ServerBusy', `The key service cannot serve this request right now (${reason}). Please retry.`);

/**
 * key-management-service's internal data-key API (docs/adr/0005), as the
 * data plane's only key supplier. Every call is bounded by KMS_TIMEOUT_MS.
 * A revoked customer key answers KeyVaultEncryptionKeyNotFound (403 to the
 * client); an unreachable or not-yet-ready key service ServerBusy (503);
 * anything that means a bug or tampering (a rejected wrapped key, a refused
 * credential) an internal error that is logged.
 */
@Injectable()
export class KmsClient {
  private readonly logger = new Logger(KmsClient.name);

  constructor(@Inject(SERVICE_CONFIG) private readonly config: BlobDataServiceConfig) {}

  async generate(account: string, requestId?: string): Promise<IssuedDataKey> {
    const body = await this.call(account, '', undefined, requestId);
    return { key: Buffer.from(String(body.dataKey), 'base64'), wrappedKey: String(body.wrappedKey), kekVersion: Number(body.kekVersion), keyId: String(body.keyId) };
  }

  async unwrap(account: string, wrappedKey: string, kekVersion: number, requestId?: string): Promise<Buffer> {
    const body = await this.call(account, '/unwrap', { wrappedKey, kekVersion }, requestId);
    return Buffer.from(String(body.dataKey), 'base64');
  }

  /** Re-wraps a stored wrapped key by the newest KEK version inside the key service (the data key never comes here on this path). */
  async rewrap(account: string, wrappedKey: string, kekVersion: number, requestId?: string): Promise<RewrappedDataKey> {
    const body = await this.call(account, '/rewrap', { wrappedKey, kekVersion }, requestId);
    return { wrappedKey: String(body.wrappedKey), kekVersion: Number(body.kekVersion), keyId: String(body.keyId) };
  }

  private async call(account: string, suffix: string, payload: unknown, requestId?: string): Promise<Record<string, unknown>> {
    const { KMS_URL, KMS_CLIENT_SECRET, KMS_TIMEOUT_MS } = this.config;
    let response: Response;
    try {
      response = await fetch(`${KMS_URL}/internal/accounts/${encodeURIComponent(account)}/data-keys${suffix}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${KMS_CLIENT_SECRET}`,
          'content-type': 'application/json',
          ...(requestId ? { 'x-ms-request-id': requestId } : {}),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: AbortSignal.timeout(KMS_TIMEOUT_MS),
      });
    } catch (error) {
      this.logger.warn({ msg: 'key service unreachable', account, error: String(error) });
      throw keyServiceBusy('unreachable');
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown> & { error?: { code?: string; message?: string } };
    if (response.ok) return body;
    const code = body.error?.code ?? `HTTP ${response.status}`;
    if (code === 'KeyVaultEncryptionKeyNotFound') throw new DomainError(code, ''); // Azure's standard message
    if (code === 'KeyRingNotFound' || response.status >= 500) throw keyServiceBusy(code);
    throw new Error(`key service refused ${suffix || '/generate'} for ${account}: ${code} ${body.error?.message ?? ''}`);
  }
}
