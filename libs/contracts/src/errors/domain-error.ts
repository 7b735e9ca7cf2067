/**
 * A refusal by the domain, with a stable code (Azure's own where one exists,
 * e.g. "ResourceGroupNotFound"). Domain code throws these; only the edge
 * (libs/azure-wire) turns a code into an HTTP status and an Azure error body.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
