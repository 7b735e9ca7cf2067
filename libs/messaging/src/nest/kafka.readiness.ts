import { Inject, Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '@atrest/platform';
import { KafkaConnection } from '../kafka/kafka-connection';

@Injectable()
export class KafkaReadinessCheck implements ReadinessCheck {
  readonly name = 'kafka';

  constructor(@Inject(KafkaConnection) private readonly kafka: KafkaConnection) {}

  check(): Promise<void> {
    return this.kafka.ping();
  }
}
