import { Logger, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { associatedData, DecryptionFailed, type Sealed, type SecretKey } from '@atrest/crypto';
import type { KeyHierarchy } from './key-hierarchy';

const PROOF = Buffer.from('atrest root key check v1');
const AAD = associatedData(['root-key-check']);

/**
 * At start-up: the first run seals a known message under the root key; every
 * later run must open it. A different root key (a typo'd secret, the wrong
 * file) stops the service with a clear message instead of failing every
 * request with an integrity error. Root-key rotation: when the message opens
 * only under the previous root key (KMS_PREVIOUS_ROOT_KEY), everything that
 * key wrapped is re-wrapped under the root key and the message sealed again,
 * in one transaction (the first replica to start does it; the others then
 * find the message under the root key).
 */
export class RootKeyCheck implements OnModuleInit {
  private readonly logger = new Logger(RootKeyCheck.name);

  constructor(
    private readonly root: SecretKey,
    private readonly previous: SecretKey | undefined,
    private readonly dataSource: DataSource,
    private readonly hierarchy: KeyHierarchy,
  ) {}

  async onModuleInit(): Promise<void> {
    const sealed = this.root.seal(PROOF, AAD);
    await this.dataSource.query(
      `INSERT INTO root_key_check (id, nonce, ciphertext, tag) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [sealed.nonce, sealed.ciphertext, sealed.tag],
    );
    const [stored]: Sealed[] = await this.dataSource.query(`SELECT nonce, ciphertext, tag FROM root_key_check WHERE id = 1`);
    if (proves(this.root, stored)) {
      if (this.previous) this.logger.log('KMS_PREVIOUS_ROOT_KEY is no longer needed: every key is wrapped by KMS_ROOT_KEY');
      return;
    }
    if (this.previous && proves(this.previous, stored)) return this.rotate(this.previous);
    throw new Error(
      'the root key (KMS_ROOT_KEY or KMS_ROOT_KEY_FILE) is not the one this database was set up with' +
        `${this.previous ? ', nor is KMS_PREVIOUS_ROOT_KEY' : ''}: its key rings cannot be opened. Start with the original root key (or an empty database).`,
    );
  }

  private rotate(previous: SecretKey): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const [stored]: Sealed[] = await manager.query(`SELECT nonce, ciphertext, tag FROM root_key_check WHERE id = 1 FOR UPDATE`);
      if (proves(this.root, stored)) return; // another replica rotated first
      const rewrapped = await this.hierarchy.rewrapUnderRoot(manager, previous);
      const sealed = this.root.seal(PROOF, AAD);
      await manager.query(`UPDATE root_key_check SET nonce = $1, ciphertext = $2, tag = $3 WHERE id = 1`, [sealed.nonce, sealed.ciphertext, sealed.tag]);
      this.logger.log({ msg: 'root key rotated: keys re-wrapped under KMS_ROOT_KEY (KMS_PREVIOUS_ROOT_KEY is no longer needed)', rewrapped });
    });
  }
}

const proves = (key: SecretKey, stored: Sealed): boolean => {
  try {
    return key.open(stored, AAD).equals(PROOF);
  } catch (error) {
    if (error instanceof DecryptionFailed) return false;
    throw error;
  }
};
