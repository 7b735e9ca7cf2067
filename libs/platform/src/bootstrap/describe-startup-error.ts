/**
 * The lines printed when a service cannot start: the error's message and
 * the messages of its causes, no stack (unless asked for with withStack).
 */
export function describeStartupError(error: unknown, withStack = false): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (!(current instanceof Error)) {
      lines.push(String(current));
      break;
    }
    const text = withStack && current.stack ? current.stack : current.message || (current as { code?: string }).code || current.name;
    const [first, ...rest] = text.split('\n');
    lines.push(depth === 0 ? first : `caused by: ${first}`, ...rest);
    current = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
  }
  return lines;
}
