export * from './arm/arm-error-body';
export * from './arm/arm-exception.filter';
