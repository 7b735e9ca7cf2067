import { storageError, StorageError } from '@atrest/azure-wire';
import { SERVICE_CONFIG } from '@atrest/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { ApiGatewayConfig } from '../config';
import { ExpiringCache } from './expiring-cache';

/** What the Blob gateway needs of an account: its keys for Shared Key and SAS, and whether it takes HTTP. */
export interface AccountKeys {
  readonly account: string;
  /** key1, key2 (base64). */
  readonly keys: readonly string[];
  /** supportsHttpsTrafficOnly: requests over HTTP are refused (400 AccountRequiresHttps). */
  readonly httpsOnly: boolean;
}

/** The part of account-service's internal account answer the gateway reads (it never logs it). */
const internalAccount = z.object({ keys: z.array(z.string().min(1)).min(1).max(2), supportsHttpsTrafficOnly: z.boolean().default(false) });

const LOOKUP_TIMEOUT_MS = 5_000;
const MAX_CACHED_ACCOUNTS = 10_000;
/** Azure's account names: 3-24 lower-case letters and digits. Anything else is unknown without asking. */
const ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;

/**
 * Account keys for Shared Key, from account-service's internal lookup
 * (GET /internal/storageAccounts/{name}), cached: a known account for
 * ACCOUNT_KEYS_TTL_MS, an unknown one for ACCOUNT_KEYS_NEGATIVE_TTL_MS. A
 * signature the cached keys did not make may ask again (refresh) once the
 * keys are ACCOUNT_KEYS_NEGATIVE_TTL_MS old. So after regenerateKey the new
 * key is accepted within ACCOUNT_KEYS_NEGATIVE_TTL_MS, and the old one keeps
 * working for at most ACCOUNT_KEYS_TTL_MS (less once the new one has been
 * used); a new account is unknown for at most ACCOUNT_KEYS_NEGATIVE_TTL_MS
 * after the last time it was asked for. Wrong signatures cost account-service
 * at most one lookup per account per ACCOUNT_KEYS_NEGATIVE_TTL_MS.
 */
@Injectable()
export class AccountKeysClient {
  private readonly logger = new Logger('AccountKeysClient');
  /** null: account-service knows no such account. */
  private readonly cache = new ExpiringCache<string, AccountKeys | null>(MAX_CACHED_ACCOUNTS);
  /** Lookups in flight: concurrent requests for one account share one. */
  private readonly pending = new Map<string, Promise<AccountKeys | null>>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ApiGatewayConfig) {}

  /** The account's keys, or undefined when there is no such account; 503 ServerBusy when account-service cannot say. */
  async find(account: string): Promise<AccountKeys | undefined> {
    if (!ACCOUNT_NAME.test(account)) return undefined;
    const cached = this.cache.get(account);
    if (cached !== undefined) return cached ?? undefined;
    return (await this.sharedLookUp(account)) ?? undefined;
  }

  /**
   * The account's keys as account-service has them now, for a signature the
   * cached ones did not make (a key regenerated since): looked up again
   * unless the cached keys are younger than ACCOUNT_KEYS_NEGATIVE_TTL_MS.
   */
  async refresh(account: string): Promise<AccountKeys | undefined> {
    const age = this.cache.ageOf(account);
    if (age !== undefined && age < this.config.ACCOUNT_KEYS_NEGATIVE_TTL_MS) return this.cache.get(account) ?? undefined;
    return (await this.sharedLookUp(account)) ?? undefined;
  }

  /** One lookup per account at a time: concurrent requests share it. */
  private sharedLookUp(account: string): Promise<AccountKeys | null> {
    let lookup = this.pending.get(account);
    if (!lookup) {
      lookup = this.lookUp(account).finally(() => this.pending.delete(account));
      this.pending.set(account, lookup);
    }
    return lookup;
  }

  private async lookUp(account: string): Promise<AccountKeys | null> {
    let response: Response;
    try {
      response = await fetch(`${this.config.ACCOUNT_SERVICE_URL}/internal/storageAccounts/${account}`, { signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
    } catch (error) {
      throw this.unavailable(account, error);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      this.cache.set(account, null, this.config.ACCOUNT_KEYS_NEGATIVE_TTL_MS);
      return null;
    }
    const parsed = internalAccount.safeParse(response.status === 200 ? await response.json().catch(() => undefined) : undefined);
    if (!parsed.success) {
      await response.body?.cancel().catch(() => undefined);
      throw this.unavailable(account, `HTTP ${response.status} without the account's keys`);
    }
    const found: AccountKeys = { account, keys: parsed.data.keys, httpsOnly: parsed.data.supportsHttpsTrafficOnly };
    this.cache.set(account, found, this.config.ACCOUNT_KEYS_TTL_MS);
    return found;
  }

  private unavailable(account: string, cause: unknown): StorageError {
    this.logger.warn({ msg: 'account keys lookup failed', account, cause: cause instanceof Error ? (cause.cause ?? cause).toString() : String(cause) });
    return storageError('ServerBusy');
  }
}
