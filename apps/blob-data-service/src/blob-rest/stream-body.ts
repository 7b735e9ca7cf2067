import type { Response } from 'express';

/**
 * What a response may hold unsent before the next chunk waits for `drain`:
 * Node's 16 KiB default made a large download wait on every 64 KiB package.
 */
const BUFFERED_BYTES = 1024 * 1024;

/**
 * Writes chunks to the response as the client takes them (waits for
 * `drain` once BUFFERED_BYTES are pending), and stops early if the client goes away. An error thrown by the
 * source propagates: the exception filter then cuts the connection, since
 * the headers are already sent.
 */
export const streamBody = async (response: Response, chunks: AsyncIterable<Buffer>): Promise<void> => {
  for await (const chunk of chunks) {
    if (response.destroyed) return;
    if (!response.write(chunk) && response.writableLength >= BUFFERED_BYTES) await drainedOrClosed(response);
  }
  response.end();
};

const drainedOrClosed = (response: Response): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
