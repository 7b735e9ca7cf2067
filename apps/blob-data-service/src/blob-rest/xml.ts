/** Text or attribute content, escaped. */
export const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** A character XML 1.0 cannot carry, even as a reference: C0 controls but tab, LF and CR; U+FFFE and U+FFFF. */
const NOT_XML_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export const isXmlText = (text: string): boolean => !NOT_XML_TEXT.test(text);

/**
 * A listed blob's `<Name>`: as text, or, for a name XML cannot carry (one
 * with a control character), percent-encoded with `Encoded="true"`, as
 * Azure answers and its SDKs decode.
 */
export const nameElement = (name: string): string =>
  isXmlText(name) ? element('Name', name) : `<Name Encoded="true">${escapeXml(encodeURIComponent(name))}</Name>`;

/** `<name>text</name>`, the text escaped; `<name />` for an empty value. */
export const element = (name: string, text: string | number | boolean | null | undefined): string =>
  text === null || text === undefined || text === '' ? `<${name} />` : `<${name}>${escapeXml(String(text))}</${name}>`;

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** Answers an XML document (ended directly: no framework ETag or freshness logic). */
export const sendXml = (response: { status(code: number): unknown; setHeader(name: string, value: string): unknown; end(body: Buffer): unknown }, status: number, xml: string, headers: Record<string, string> = {}): void => {
  const body = Buffer.from(xml, 'utf8');
  response.status(status);
  for (const [name, value] of Object.entries({ ...headers, 'Content-Type': 'application/xml', 'Content-Length': String(body.length) })) response.setHeader(name, value);
  response.end(body);
};

/** A request's XML document without its byte order mark, declaration and surrounding whitespace. */
export const xmlDocumentBody = (xml: string): string =>
  xml
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^<\?xml[^?]*\?>/, '')
    .trim();
