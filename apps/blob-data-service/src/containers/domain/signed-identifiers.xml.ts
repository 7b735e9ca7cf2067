import { element, XML_DECLARATION, xmlDocumentBody } from '../../blob-rest/xml';
import { blobError } from '../../blobs/domain/blob.errors';
import type { AccessPolicy } from './access-policy';

/** One element at the sticky position: `<Name>content</Name>` or `<Name/>` (these documents have no attributes and never nest a name in itself). */
const ELEMENT = /\s*<([A-Za-z]+)\s*(?:\/>|>([\s\S]*?)<\/\1\s*>)\s*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

const invalid = (why: string) => blobError('InvalidXmlDocument', `The body must be a <SignedIdentifiers> document: ${why}`);

/** The child elements of `xml`, in order, as name and raw content ('' for an empty element); anything else is invalid. */
const children = (xml: string): Array<[string, string]> => {
  const found: Array<[string, string]> = [];
  ELEMENT.lastIndex = 0;
  while (xml.slice(ELEMENT.lastIndex).trim() !== '') {
    const start = ELEMENT.lastIndex;
    const match = ELEMENT.exec(xml);
    if (!match) throw invalid(`unexpected text at '${xml.slice(start, start + 40).trim()}'.`);
    found.push([match[1], match[2] ?? '']);
  }
  return found;
};

const text = (content: string): string => content.trim().replace(/&(lt|gt|amp|apos|quot);/g, (_, name: string) => ENTITIES[name]);

/** The policies of a Set Container ACL body (an empty body or document: none). */
export const parseSignedIdentifiers = (xml: string): AccessPolicy[] => {
  const body = xmlDocumentBody(xml);
  if (body === '') return [];
  const [root, ...after] = children(body);
  if (!root || root[0] !== 'SignedIdentifiers' || after.length > 0) throw invalid('its root must be <SignedIdentifiers>.');
  return children(root[1]).map(([name, content]) => {
    if (name !== 'SignedIdentifier') throw invalid(`<${name}> is not a <SignedIdentifier>.`);
    const parts = new Map(children(content));
    const id = parts.get('Id');
    if (id === undefined) throw invalid('every <SignedIdentifier> needs an <Id>.');
    const policy = new Map(children(parts.get('AccessPolicy') ?? ''));
    const part = (name: 'Start' | 'Expiry' | 'Permission') => (policy.has(name) ? text(policy.get(name)!) : undefined);
    return { id: text(id), start: part('Start'), expiry: part('Expiry'), permission: part('Permission') };
  });
};

/** Get Container ACL's document: each policy's parts as set (times in Azure's seven-digit form). */
export const signedIdentifiersXml = (policies: readonly AccessPolicy[]): string => {
  const azureTime = (iso: string) => `${iso.slice(0, 19)}.${iso.slice(20, 23)}0000Z`;
  const identifiers = policies.map((p) => {
    const parts = [
      p.start ? element('Start', azureTime(p.start)) : '',
      p.expiry ? element('Expiry', azureTime(p.expiry)) : '',
      p.permission ? element('Permission', p.permission) : '',
    ];
    return `<SignedIdentifier>${element('Id', p.id)}<AccessPolicy>${parts.join('')}</AccessPolicy></SignedIdentifier>`;
  });
  return `${XML_DECLARATION}<SignedIdentifiers>${identifiers.join('')}</SignedIdentifiers>`;
};
