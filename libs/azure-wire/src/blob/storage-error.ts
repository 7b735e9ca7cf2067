/**
 * The Blob service's errors, as Azure Storage sends them: an HTTP status, the
 * `x-ms-error-code` header and an XML body
 * `<Error><Code/><Message/>...</Error>` (no body on HEAD).
 */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra XML elements after Message, e.g. AuthenticationErrorDetail. */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Azure's body: the message ends with the request id and time, as the service does. */
export const storageErrorXml = (error: StorageError, requestId: string, now: Date): string => {
  const message = `${error.message}\nRequestId:${requestId}\nTime:${now.toISOString()}`;
  const details = Object.entries(error.details)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(message)}</Message>${details}</Error>`;
};
