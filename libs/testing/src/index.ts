export * from './infrastructure/test-infrastructure';
export * from './test-context';
export * from './wait-for';
export * from './kafka-probe';
export * from './kafka-outage';
export * from './outbox-relayed';
export * from './domain-error-code';
export * from './free-port';
