export * from './aead/aes-gcm';
export * from './aead/associated-data';
export * from './aead/decryption-failed';
export * from './keys/generate-key';
export * from './keys/key-wrap';
export * from './compare/constant-time';
export * from './keys/secret-key';
