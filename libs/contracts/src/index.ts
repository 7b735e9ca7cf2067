export * from './topics/topics';
export * from './events/envelope';
export * from './events/common.schemas';
export * from './events/features.events';
export * from './events/accounts.events';
export * from './events/catalogue';
