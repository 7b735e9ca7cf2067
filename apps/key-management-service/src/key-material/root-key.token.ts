/** Injection token of the root key (a SecretKey built from KMS_ROOT_KEY or KMS_ROOT_KEY_FILE). */
export const ROOT_KEY = Symbol('ROOT_KEY');
