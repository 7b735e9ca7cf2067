export * from './arm/arm-error-body';
export * from './arm/arm-exception.filter';
export * from './arm/arm-headers';
export { toArmError } from './arm/to-arm-error';
export * from './blob/storage-error';
export * from './blob/storage-error-codes';
export * from './blob/to-storage-error';
export * from './blob/storage-exception.filter';
