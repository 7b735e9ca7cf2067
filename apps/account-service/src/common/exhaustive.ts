/** Compile time: every case of a union was handled. Run time: names the value that slipped through. */
export const exhaustive = (value: never, what: string): never => {
  throw new Error(`unknown ${what}: ${JSON.stringify(value)}`);
};
