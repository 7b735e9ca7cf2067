const MAX_LENGTH = 200;

/**
 * A one-line reason for a failed check: the error's message (first line), or
 * its code, or the first of its inner errors (Node reports a refused
 * dual-stack connect as an AggregateError with an empty message). No stack.
 */
export function shortReason(error: unknown): string {
  const reason = firstLine(reasonOf(error, 0)) || 'failed';
  return reason.length > MAX_LENGTH ? `${reason.slice(0, MAX_LENGTH - 1)}…` : reason;
}

function reasonOf(error: unknown, depth: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message) return error.message;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  if (error instanceof AggregateError && error.errors.length > 0 && depth < 3) return reasonOf(error.errors[0], depth + 1);
  return error.name;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim();
}
