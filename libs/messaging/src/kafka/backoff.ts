export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with a ceiling: 1st failure waits `base`, then doubles up to `max`. */
export const backoffDelay = (failures: number, base = 200, max = 5_000): number =>
  Math.min(max, base * 2 ** Math.max(0, failures - 1));
