/** The stream moved since the caller read it: reload, decide again, retry. */
export class ConcurrencyConflict extends Error {
  readonly code = 'ConcurrencyConflict';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(
      `stream ${streamId} expected at version ${expectedVersion}` +
        (actualVersion === undefined ? ' but a concurrent append won' : ` but is at ${actualVersion}`),
    );
    this.name = 'ConcurrencyConflict';
  }
}

/** A number is the exact version the stream must be at (0: it must not exist yet); 'any' skips the check. */
export type ExpectedVersion = number | 'any';
