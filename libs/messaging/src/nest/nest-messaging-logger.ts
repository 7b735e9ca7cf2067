import { Logger } from '@nestjs/common';
import type { MessagingLogger } from '../kafka/messaging-logger';

/** Messaging logs through Nest's logger (pino in services), one structured line each. */
export const nestMessagingLogger = (context: string): MessagingLogger => {
  const logger = new Logger(context);
  return {
    info: (msg, extra) => logger.log({ msg, ...extra }),
    warn: (msg, extra) => logger.warn({ msg, ...extra }),
    error: (msg, extra) => logger.error({ msg, ...extra }),
  };
};
