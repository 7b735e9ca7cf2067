import { secretKeySetting } from '@atrest/platform';

/** ACCOUNT_KEYS_SEALING_KEY or ACCOUNT_KEYS_SEALING_KEY_FILE: what account keys are sealed with at rest. */
export const sealingKeySetting = secretKeySetting('ACCOUNT_KEYS_SEALING_KEY');

/** ACCOUNT_KEYS_PREVIOUS_SEALING_KEY or ..._FILE (optional): the sealing key being rotated away from (account-keys-at-rest.ts). */
export const previousSealingKeySetting = secretKeySetting('ACCOUNT_KEYS_PREVIOUS_SEALING_KEY', { required: false });
