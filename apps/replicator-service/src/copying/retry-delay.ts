/** Backoff of a stream that failed `attempt` times: 250 ms doubling, at most 30 s. Never given up: a stream that cannot be copied holds the last sync time back, visibly. */
export const retryDelayMs = (attempt: number): number => Math.min(30_000, 250 * 2 ** Math.max(0, attempt - 1));
