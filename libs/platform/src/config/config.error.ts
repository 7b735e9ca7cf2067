/**
 * Thrown by loadConfig when the environment does not satisfy a service's
 * config schema. `problems` holds one `SETTING: what is wrong` line per bad
 * setting; the message is those lines joined, so it reads well on its own.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
