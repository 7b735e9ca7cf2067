import type { Response } from 'express';

/** How often a long request tells the caller it is still working. */
const INTERVAL_MS = 10_000;

/**
 * Runs `work`, sending 102 Processing every 10 s until it settles: an
 * interim answer the gateway's idle timer (and any proxy's) counts as
 * activity, so a long synchronous operation (Copy Blob of a large blob) is
 * not cut at DOWNSTREAM_TIMEOUT_MS. Clients ignore 1xx answers.
 */
export const keepAliveWhile = async <T>(response: Response, work: () => Promise<T>): Promise<T> => {
  const timer = setInterval(() => {
    if (!response.headersSent && !response.destroyed) response.writeProcessing();
  }, INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
};
