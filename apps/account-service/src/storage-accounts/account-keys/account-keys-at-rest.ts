import { Logger, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AccountKeySeal, SEALED_KEY_PREFIX, type AccountKeyName } from './account-key-seal';

interface KeysRow {
  account_name: string;
  key1: string;
  key2: string;
}

/**
 * At start-up, before the service answers, every stored key ends up sealed
 * under the sealing key: keys stored in plain text (before sealing existed)
 * are sealed; after a rotation (the sealing key new, the old one given as
 * the previous sealing key) keys sealed under the old one are sealed again.
 * A sealing key that opens no stored key, with no previous key that does (a
 * typo'd secret, the wrong file), stops the service with a clear message
 * instead of failing every key lookup. Each pass is one transaction with
 * the rows locked, so replicas starting together do the work once.
 */
export class AccountKeysAtRest implements OnModuleInit {
  private readonly logger = new Logger(AccountKeysAtRest.name);

  constructor(
    private readonly db: DataSource,
    private readonly seal: AccountKeySeal,
    private readonly previous?: AccountKeySeal,
  ) {}

  async onModuleInit(): Promise<void> {
    const [sample]: KeysRow[] = await this.db.query(`SELECT account_name, key1, key2 FROM storage_account_keys WHERE starts_with(key1, $1) LIMIT 1`, [
      SEALED_KEY_PREFIX,
    ]);
    const opens = (seal: AccountKeySeal) => seal.tryOpen(sample.account_name, 'key1', sample.key1) !== undefined;
    const rotating = sample !== undefined && !opens(this.seal);
    if (rotating && !(this.previous && opens(this.previous)))
      throw new Error(
        'the sealing key (ACCOUNT_KEYS_SEALING_KEY or ACCOUNT_KEYS_SEALING_KEY_FILE) is not the one the account keys in this database were sealed with' +
          `${this.previous ? ', nor is ACCOUNT_KEYS_PREVIOUS_SEALING_KEY' : ''}: they cannot be opened. Start with the original sealing key (or an empty database).`,
      );
    const changed = await this.sealUnderSealingKey(rotating ? 'all' : 'plain');
    if (changed > 0) this.logger.log({ msg: rotating ? 'account keys sealed again under the new sealing key' : 'plain account keys sealed', accounts: changed });
    else if (this.previous) this.logger.log('ACCOUNT_KEYS_PREVIOUS_SEALING_KEY is no longer needed: every account key is sealed under ACCOUNT_KEYS_SEALING_KEY');
  }

  /** Seals the keys of the rows asked for under the sealing key; returns how many rows changed. */
  private sealUnderSealingKey(rows: 'plain' | 'all'): Promise<number> {
    return this.db.transaction(async (manager) => {
      const locked: KeysRow[] = await manager.query(
        `SELECT account_name, key1, key2 FROM storage_account_keys
          WHERE $2 OR NOT (starts_with(key1, $1) AND starts_with(key2, $1)) FOR UPDATE`,
        [SEALED_KEY_PREFIX, rows === 'all'],
      );
      let changed = 0;
      for (const { account_name: account, key1, key2 } of locked) {
        const sealed = [this.sealedNow(account, 'key1', key1), this.sealedNow(account, 'key2', key2)];
        if (sealed[0] === key1 && sealed[1] === key2) continue;
        await manager.query(`UPDATE storage_account_keys SET key1 = $2, key2 = $3 WHERE account_name = $1`, [account, ...sealed]);
        changed++;
      }
      return changed;
    });
  }

  /** `stored` as it must be under the sealing key: as it is if sealed under it, else sealed (again). */
  private sealedNow(account: string, keyName: AccountKeyName, stored: string): string {
    if (!AccountKeySeal.isSealed(stored)) return this.seal.seal(account, keyName, stored);
    if (this.seal.tryOpen(account, keyName, stored) !== undefined) return stored;
    // Sealed under neither: AccountKeyUnreadable (from open) stops the start.
    return this.seal.seal(account, keyName, (this.previous ?? this.seal).open(account, keyName, stored));
  }
}
