import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { associatedData, DecryptionFailed, type SecretKey } from '@atrest/crypto';
import { ROOT_KEY } from './root-key.token';

const PROOF = Buffer.from('atrest root key check v1');
const AAD = associatedData(['root-key-check']);

interface CheckRow {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * At start-up: the first run seals a known message under the root key; every
 * later run must open it. A different root key (a typo'd secret, the wrong
 * file) stops the service with a clear message instead of failing every
 * request with an integrity error.
 */
@Injectable()
export class RootKeyCheck implements OnModuleInit {
  constructor(
    @Inject(ROOT_KEY) private readonly root: SecretKey,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const sealed = this.root.seal(PROOF, AAD);
    await this.dataSource.query(
      `INSERT INTO root_key_check (id, nonce, ciphertext, tag) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [sealed.nonce, sealed.ciphertext, sealed.tag],
    );
    const [stored]: CheckRow[] = await this.dataSource.query(`SELECT nonce, ciphertext, tag FROM root_key_check WHERE id = 1`);
    try {
      if (this.root.open(stored, AAD).equals(PROOF)) return;
    } catch (error) {
      if (!(error instanceof DecryptionFailed)) throw error;
    }
    throw new Error(
      'the root key (KMS_ROOT_KEY or KMS_ROOT_KEY_FILE) is not the one this database was set up with: ' +
        'its key rings cannot be opened. Start with the original root key (or an empty database).',
    );
  }
}
