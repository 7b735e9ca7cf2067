import { inspect } from 'node:util';
import { constantTimeEqual } from '@atrest/crypto';

export interface Credential {
  readonly name: string;
  readonly secret: string;
}

/**
 * The services that hold a credential for the internal API (KMS_CLIENTS) and
 * the ones among them allowed to use keys (KMS_AUTHORIZED_CLIENTS). Secrets
 * stay in here: not in JSON, logs or inspect output.
 */
export class KmsClients {
  readonly #credentials: readonly Credential[];
  readonly #authorized: ReadonlySet<string>;

  constructor(credentials: readonly Credential[], authorized: readonly string[] = []) {
    this.#credentials = credentials;
    this.#authorized = new Set(authorized);
  }

  /** The same clients, of which `names` may use keys. */
  authorizing(names: readonly string[]): KmsClients {
    return new KmsClients(this.#credentials, names);
  }

  get names(): string[] {
    return this.#credentials.map((c) => c.name);
  }

  /** The identity a bearer secret belongs to; compares against every credential in constant time (no early exit). */
  identify(secret: string): string | undefined {
    let found: string | undefined;
    for (const credential of this.#credentials) if (constantTimeEqual(credential.secret, secret)) found = credential.name;
    return found;
  }

  isAuthorized(name: string): boolean {
    return this.#authorized.has(name);
  }

  toJSON(): string {
    return `KmsClients(${this.names.join(', ')})`;
  }

  [inspect.custom](): string {
    return this.toJSON();
  }
}
