import { RouteMatcher } from '../routing/route-matcher';
import { ROUTES } from '../routing/routes';
import { openApiDocument } from './openapi.document';

// The document and the routing table cannot drift apart: every documented
// operation is routed (with the api-versions the gateway accepts there), and
// every route is documented.

const document = openApiDocument('https://127.0.0.1:8443');
const PUBLIC = new Set(['/healthz', '/openapi.json']);
const matcher = new RouteMatcher();

interface Operation {
  method: string;
  path: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; schema?: { enum?: string[] } }>;
  security?: unknown[];
}

const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Omit<Operation, 'method' | 'path'>>).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op })),
);
const routed = operations.filter((op) => !PUBLIC.has(op.path));
const concrete = (path: string): string => path.replace(/\{(\w+)\}/g, (_, name: string) => `sample-${name}`);

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with the caller-facing server', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: 'https://127.0.0.1:8443' }]);
  });

  it.each(routed.map((op) => [op.method, op.path, op] as const))('routes %s %s, with the api-versions the gateway accepts there', (method, path, op) => {
    const { route } = matcher.match(method, concrete(path));
    const apiVersion = op.parameters?.find((p) => p.name === 'api-version' && p.in === 'query');
    if (route.access === 'operator') {
      expect(apiVersion).toBeUndefined();
      expect(op.security).toEqual([{ operatorToken: [] }]);
    } else {
      expect(apiVersion?.schema?.enum).toEqual(route.apiVersions);
    }
  });

  it('documents every route of the routing table', () => {
    const documented = new Set(routed.map((op) => matcher.match(op.method, concrete(op.path)).route));
    expect(ROUTES.filter((route) => !documented.has(route)).map((route) => route.path)).toEqual([]);
  });

  it('needs no token for /healthz and /openapi.json, a bearer token for the rest', () => {
    for (const path of PUBLIC) expect(operations.find((op) => op.path === path)?.security).toEqual([]);
    expect(document.security).toEqual([{ bearerToken: [] }]);
  });

  it('documents no internal (service-to-service) path', () => {
    expect(operations.filter((op) => /^\/internal(\/|$)/i.test(op.path)).map((op) => op.path)).toEqual([]);
  });

  it('declares every tag it uses', () => {
    const declared = new Set(document.tags.map((tag) => tag.name));
    expect(operations.flatMap((op) => op.tags ?? []).filter((tag) => !declared.has(tag))).toEqual([]);
  });

  it('resolves every schema reference', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
  });
});
