import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountKeySeal, AccountKeyUnreadable, SEALED_KEY_PREFIX } from './account-key-seal';

interface KeysRow {
  account_name: string;
  key1: string;
  key2: string;
}

/**
 * At start-up, before the service answers: keys stored before sealing
 * existed (plain base64) are sealed in place; then one stored key must
 * open, so a different sealing key (a typo'd secret, the wrong file) stops
 * the service with a clear message instead of failing every key lookup.
 */
@Injectable()
export class AccountKeysAtRest implements OnModuleInit {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AccountKeySeal) private readonly seal: AccountKeySeal,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sealPlainKeys();
    const [row]: KeysRow[] = await this.db.query(`SELECT account_name, key1, key2 FROM storage_account_keys LIMIT 1`);
    try {
      if (row) this.seal.open(row.account_name, 'key1', row.key1);
    } catch (error) {
      if (!(error instanceof AccountKeyUnreadable)) throw error;
      throw new Error(
        'the sealing key (ACCOUNT_KEYS_SEALING_KEY or ACCOUNT_KEYS_SEALING_KEY_FILE) is not the one the account keys in this database were sealed with: ' +
          'they cannot be opened. Start with the original sealing key (or an empty database).',
      );
    }
  }

  /** Row-locked, so replicas starting together seal each key once. */
  private sealPlainKeys(): Promise<void> {
    return this.db.transaction(async (manager) => {
      const plain: KeysRow[] = await manager.query(
        `SELECT account_name, key1, key2 FROM storage_account_keys WHERE NOT (starts_with(key1, $1) AND starts_with(key2, $1)) FOR UPDATE`,
        [SEALED_KEY_PREFIX],
      );
      for (const { account_name: account, key1, key2 } of plain) {
        const sealed = (keyName: 'key1' | 'key2', value: string) => (AccountKeySeal.isSealed(value) ? value : this.seal.seal(account, keyName, value));
        await manager.query(`UPDATE storage_account_keys SET key1 = $2, key2 = $3 WHERE account_name = $1`, [account, sealed('key1', key1), sealed('key2', key2)]);
      }
    });
  }
}
