import { z } from 'zod';
import { REGION_NAME } from './region-name';

const PLACEHOLDER = '{region}';

/** The database name of a postgres URL (undefined for anything else). */
export const databaseNameOf = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return ['postgres:', 'postgresql:'].includes(parsed.protocol) ? decodeURIComponent(parsed.pathname.slice(1)) : undefined;
  } catch {
    return undefined;
  }
};

/** REGION_DATABASE_URL_TEMPLATE: a postgres URL with "{region}" in its database name. */
export const regionDatabaseTemplate = z
  .string()
  .refine((value) => value.slice(value.lastIndexOf('/') + 1).includes(PLACEHOLDER) && !!databaseNameOf(value.replaceAll(PLACEHOLDER, 'eastus')), {
    error: `must be a postgres://user@host:port/database URL with ${PLACEHOLDER} in the database name`,
  })
  .describe('e.g. postgres://postgres@127.0.0.1:5432/atrest_blobs_{region}');

/** The template to use: the configured one, else the main database's name + "_{region}". */
export const regionTemplateOf = (config: { DATABASE_URL: string; REGION_DATABASE_URL_TEMPLATE?: string }): string => {
  if (config.REGION_DATABASE_URL_TEMPLATE) return config.REGION_DATABASE_URL_TEMPLATE;
  const url = new URL(config.DATABASE_URL);
  return `${url.protocol}//${url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : ''}${url.host}${url.pathname}_${PLACEHOLDER}${url.search}`;
};

/** The database URL of one region's store. */
export const regionDatabaseUrl = (template: string, region: string): string => {
  if (!REGION_NAME.test(region)) throw new RangeError(`not a region name: ${region}`);
  return template.replaceAll(PLACEHOLDER, region);
};
