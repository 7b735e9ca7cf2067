import { randomBytes } from 'node:crypto';

/** A fresh strong ETag in Azure's shape ("0x8D..." quoted); every change gets a new one. */
export const newEtag = (): string => `"0x${randomBytes(8).toString('hex').toUpperCase()}"`;

/** An ETag as a client may send it back: quotes and a weak prefix do not matter. */
const bare = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

/** Whether an If-Match / If-None-Match list names this ETag ("*" names any). */
export const etagListMatches = (list: string, etag: string): boolean =>
  list
    .split(',')
    .map((item) => item.trim())
    .some((item) => item === '*' || bare(item) === bare(etag));
