import { xmlDocumentBody } from '../../../blob-rest/xml';
import { blobError } from '../../domain/blob.errors';
import type { BlockListEntry, BlockListEntryKind } from '../../domain/block-list';

const ROOT = /^<BlockList(?:\s[^>]*)?>([\s\S]*)<\/BlockList\s*>$/;
const ENTRY = /\s*<(Committed|Uncommitted|Latest)\s*>([^<]*)<\/\1\s*>/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

const invalid = () => blobError('InvalidXmlDocument', 'The block list is not a <BlockList> of <Committed>, <Uncommitted> and <Latest> elements.');

/** The entries of a Put Block List body, in order (Azure's BlockList document; anything else is InvalidXmlDocument). */
export const parseBlockListXml = (xml: string): BlockListEntry[] => {
  const body = xmlDocumentBody(xml);
  const root = ROOT.exec(body);
  if (!root) throw invalid();
  const inner = root[1];
  const entries: BlockListEntry[] = [];
  ENTRY.lastIndex = 0;
  while (inner.slice(ENTRY.lastIndex).trim() !== '') {
    const match = ENTRY.exec(inner);
    if (!match) throw invalid();
    const id = match[2].trim().replace(/&(lt|gt|amp|apos|quot);/g, (_, name: string) => ENTITIES[name]);
    entries.push({ kind: match[1] as BlockListEntryKind, id });
  }
  return entries;
};
