import { Provider, Type } from '@nestjs/common';
import { ReadinessCheck } from './readiness-check';
import { ReadinessRegistry } from './readiness.registry';

/**
 * Providers that instantiate `check` with Nest DI and register it with the
 * ReadinessRegistry at startup. Contributing a check is one line in a
 * module's providers: `...provideReadinessCheck(KafkaReadinessCheck)`.
 */
export function provideReadinessCheck(check: Type<ReadinessCheck>): Provider[] {
  return [
    check,
    {
      provide: Symbol(`readiness:${check.name}`),
      useFactory: (registry: ReadinessRegistry, instance: ReadinessCheck) => registry.register(instance),
      inject: [ReadinessRegistry, check],
    },
  ];
}

/** Registers a check object built from values (e.g. a downstream service's URL). */
export function provideReadinessCheckValue(check: ReadinessCheck): Provider {
  return {
    provide: Symbol(`readiness:${check.name}`),
    useFactory: (registry: ReadinessRegistry) => registry.register(check),
    inject: [ReadinessRegistry],
  };
}
