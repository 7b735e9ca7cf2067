import type { KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@atrest/contracts';

export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly groupId: string;
  readonly reason: string;
  readonly attempts: number;
}

/** Parks a message that cannot be handled, with why, so its partition moves on. */
export const sendToDeadLetterTopic = async (producer: Producer, letter: DeadLetter): Promise<void> => {
  await producer.send({
    topic: deadLetterTopic(letter.topic),
    acks: -1,
    messages: [
      {
        key: letter.message.key,
        value: letter.message.value,
        headers: {
          ...letter.message.headers,
          'dlq-reason': letter.reason.slice(0, 2_000),
          'dlq-original-topic': letter.topic,
          'dlq-original-partition': String(letter.partition),
          'dlq-original-offset': letter.message.offset,
          'dlq-consumer-group': letter.groupId,
          'dlq-attempts': String(letter.attempts),
        },
      },
    ],
  });
};
