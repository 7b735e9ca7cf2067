import { secretKeySetting } from '@atrest/platform';

/** KMS_ROOT_KEY or KMS_ROOT_KEY_FILE: the top of the key hierarchy. */
export const rootKeySetting = secretKeySetting('KMS_ROOT_KEY');
