/** The management plane's error shape, as ARM and the Azure SDKs expect it. */
export interface ArmErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly target?: string };
}

export const armErrorBody = (code: string, message: string, target?: string): ArmErrorBody => ({
  error: target ? { code, message, target } : { code, message },
});

/**
 * An error raised at the edge itself (bad api-version, bad JSON, auth), already
 * in ARM terms. `headers` go on the response too (WWW-Authenticate on a 401,
 * Retry-After on a 503).
 */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }
}
