import { z } from 'zod';
import { ConfigError } from './config.error';

export type Env = Record<string, string | undefined>;

/**
 * Validates the environment against a zod object schema and returns the
 * parsed config. Empty strings count as unset. Throws ConfigError naming
 * every missing or bad setting, one per line:
 *   KAFKA_BROKERS: required (comma-separated host:port list)
 * A required setting's hint is its schema's `.describe(...)` text.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): z.output<S> {
  const input = withoutEmptyValues(env);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => describeIssue(schema, input, issue)));
}

function withoutEmptyValues(env: Env): Record<string, string> {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') input[key] = value;
  }
  return input;
}

function describeIssue(schema: z.ZodObject, input: Record<string, string>, issue: z.core.$ZodIssue): string {
  const setting = issue.path.length > 0 ? issue.path.map(String).join('.') : '(config)';
  const key = String(issue.path[0] ?? '');
  if (issue.path.length === 1 && issue.code === 'invalid_type' && input[key] === undefined) {
    const hint = schema.shape[key]?.description;
    return `${setting}: required${hint ? ` (${hint})` : ''}`;
  }
  return `${setting}: ${issue.message}`;
}
