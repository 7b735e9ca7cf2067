import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@atrest/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountKeySeal } from './account-key-seal';

export interface AccountKeys {
  readonly key1: string;
  readonly key2: string;
}

/** A Shared Key: 64 random bytes, base64, as Azure's are. */
const newKey = (): string => randomBytes(64).toString('base64');

/**
 * Table storage_account_keys: the only place account keys exist, each
 * sealed (account-key-seal.ts). Keys are made here, in the transaction of
 * the event that calls for them (created, regenerated), and go when the
 * account row goes (ON DELETE CASCADE). Events only ever name a key.
 */
@Injectable()
export class AccountKeysStore {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AccountKeySeal) private readonly seal: AccountKeySeal,
  ) {}

  async apply(manager: EntityManager, name: string, events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'StorageAccountCreated')
        await manager.query(`INSERT INTO storage_account_keys (account_name, key1, key2) VALUES ($1, $2, $3)`, [
          name,
          this.seal.seal(name, 'key1', newKey()),
          this.seal.seal(name, 'key2', newKey()),
        ]);
      if (event.type === 'StorageAccountKeysRegenerated') {
        const keyName = (event.data as { keyName: 'key1' | 'key2' }).keyName === 'key1' ? 'key1' : 'key2';
        await manager.query(`UPDATE storage_account_keys SET ${keyName} = $2 WHERE account_name = $1`, [name, this.seal.seal(name, keyName, newKey())]);
      }
    }
  }

  async find(name: string): Promise<AccountKeys | undefined> {
    const account = name.toLowerCase();
    const [row]: Array<{ key1: string; key2: string }> = await this.db.query(`SELECT key1, key2 FROM storage_account_keys WHERE account_name = $1`, [account]);
    return row && { key1: this.seal.open(account, 'key1', row.key1), key2: this.seal.open(account, 'key2', row.key2) };
  }
}
