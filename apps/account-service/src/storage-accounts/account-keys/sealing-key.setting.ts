import { secretKeySetting } from '@atrest/platform';

/** ACCOUNT_KEYS_SEALING_KEY or ACCOUNT_KEYS_SEALING_KEY_FILE: what account keys are sealed with at rest. */
export const sealingKeySetting = secretKeySetting('ACCOUNT_KEYS_SEALING_KEY');
