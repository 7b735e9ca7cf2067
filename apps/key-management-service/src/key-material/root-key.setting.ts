import { secretKeySetting } from '@atrest/platform';

/** KMS_ROOT_KEY or KMS_ROOT_KEY_FILE: the top of the key hierarchy. */
export const rootKeySetting = secretKeySetting('KMS_ROOT_KEY');

/** KMS_PREVIOUS_ROOT_KEY or KMS_PREVIOUS_ROOT_KEY_FILE (optional): the root key being rotated away from (root-key.check.ts). */
export const previousRootKeySetting = secretKeySetting('KMS_PREVIOUS_ROOT_KEY', { required: false });
