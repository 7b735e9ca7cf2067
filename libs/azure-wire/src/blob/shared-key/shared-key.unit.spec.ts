import { createHmac } from 'node:crypto';
import { StorageError } from '../storage-error';
import { compareHeaderNames } from './header-order';
import { SignableRequest, stringsToSign } from './string-to-sign';
import { SignatureMismatch, verifySharedKey } from './verify-shared-key';

// Known vectors: requests @azure/storage-blob 12.32.0 sent (a recording HTTP
// server captured method, path, query and headers; unsigned headers such as
// user-agent left out) and the string each signature is the HMAC of. The last
// one was signed by the SDK's own signing policy (storageSharedKeyCredentialPolicy)
// directly, because no SDK operation sends Content-Language or Content-Encoding.

const ACCOUNT = 'vectoracct';
const KEY = Buffer.from('atrest-shared-key-vectors-'.repeat(3).slice(0, 64)).toString('base64');
const OTHER_KEY = Buffer.alloc(64, 7).toString('base64');

interface Vector {
  readonly name: string;
  readonly request: SignableRequest & { readonly headers: Record<string, string> };
  readonly signed: string;
}

const VECTORS: readonly Vector[] = [
  {
    name: 'put blob with body and metadata',
    request: {
      method: 'PUT',
      path: '/vectoracct/vectors/docs/hello%20world.txt',
      query: '',
      headers: {
        'content-type': 'application/octet-stream',
        'x-ms-version': '2026-04-06',
        'content-length': '12',
        'x-ms-meta-project': 'atrest',
        'x-ms-meta-a1': 'one',
        'x-ms-meta-a_b': 'under',
        'x-ms-blob-content-type': 'text/plain; charset=utf-8',
        'x-ms-blob-content-language': 'en-US',
        'x-ms-blob-type': 'BlockBlob',
        'x-ms-client-request-id': 'b8da8ecc-49ca-412b-92bd-240f932e1b7b',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        authorization: 'SharedKey vectoracct:2GF2Oq4R3UtXQOGaYYv65/PKSZ5N8ZpE9UTHk0mFxTA=',
      },
    },
    signed: 'PUT\n\n\n12\n\napplication/octet-stream\n\n\n\n\n\n\nx-ms-blob-content-language:en-US\nx-ms-blob-content-type:text/plain; charset=utf-8\nx-ms-blob-type:BlockBlob\nx-ms-client-request-id:b8da8ecc-49ca-412b-92bd-240f932e1b7b\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-meta-a_b:under\nx-ms-meta-a1:one\nx-ms-meta-project:atrest\nx-ms-version:2026-04-06\n/vectoracct/vectoracct/vectors/docs/hello%20world.txt',
  },
  {
    name: 'get blob range with if-match',
    request: {
      method: 'GET',
      path: '/vectoracct/vectors/docs/hello%20world.txt',
      query: '',
      headers: {
        'x-ms-version': '2026-04-06',
        'x-ms-range': 'bytes=2-6',
        'if-match': '"0x8DCAFE"',
        'x-ms-client-request-id': 'd98be325-bd57-42c2-908d-af9e557d2ce3',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        authorization: 'SharedKey vectoracct:zQ3DWmJ7eiHITxcno4uRlNF1RhjM1W91BWrHeXs+PGQ=',
      },
    },
    signed: 'GET\n\n\n\n\n\n\n\n"0x8DCAFE"\n\n\n\nx-ms-client-request-id:d98be325-bd57-42c2-908d-af9e557d2ce3\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-range:bytes=2-6\nx-ms-version:2026-04-06\n/vectoracct/vectoracct/vectors/docs/hello%20world.txt',
  },
  {
    name: 'create container (empty body)',
    request: {
      method: 'PUT',
      path: '/vectoracct/vectors',
      query: 'restype=container',
      headers: {
        'x-ms-version': '2026-04-06',
        'x-ms-client-request-id': '37e6120a-b1d6-4983-88d6-5f3f66e0644a',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        authorization: 'SharedKey vectoracct:XcwldE5ADdI3KKfp5vlmn6+3FHVEniZSeX+ddwryzaM=',
        'content-length': '0',
      },
    },
    signed: 'PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-client-request-id:37e6120a-b1d6-4983-88d6-5f3f66e0644a\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-version:2026-04-06\n/vectoracct/vectoracct/vectors\nrestype:container',
  },
  {
    name: 'list blobs with prefix, marker, maxresults',
    request: {
      method: 'GET',
      path: '/vectoracct/vectors',
      query: 'comp=list&prefix=docs%2F&marker=marker-1&maxresults=5&restype=container&include=metadata,snapshots',
      headers: {
        'x-ms-version': '2026-04-06',
        'x-ms-client-request-id': '1a9c1b7f-6997-40d8-ab84-ea92681bb05c',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        authorization: 'SharedKey vectoracct:9A7TaOIpO2XE+QI1Xb4yuo98q8R3Y1j37qyrn6uyQtU=',
      },
    },
    signed: 'GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-client-request-id:1a9c1b7f-6997-40d8-ab84-ea92681bb05c\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-version:2026-04-06\n/vectoracct/vectoracct/vectors\ncomp:list\ninclude:metadata,snapshots\nmarker:marker-1\nmaxresults:5\nprefix:docs/\nrestype:container',
  },
  {
    name: 'repeated query names',
    request: {
      method: 'GET',
      path: '/vectoracct/vectors',
      query: 'tag=b&tag=a&restype=container',
      headers: {
        'x-ms-version': '2026-04-06',
        'x-ms-client-request-id': '73cb8934-5ae3-470c-8685-37fef5991144',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        authorization: 'SharedKey vectoracct:YwiR8lCBQfdBypeaQYNm0Nfm2tJbXCUjJRF/YLkAm/Y=',
      },
    },
    signed: 'GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-client-request-id:73cb8934-5ae3-470c-8685-37fef5991144\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-version:2026-04-06\n/vectoracct/vectoracct/vectors\nrestype:container\ntag:a',
  },
  {
    name: 'secondary get properties',
    request: {
      method: 'GET',
      path: '/vectoracct-secondary/',
      query: 'restype=service&comp=properties',
      headers: {
        'x-ms-version': '2026-04-06',
        'x-ms-client-request-id': 'eaeabeab-6bba-44bf-9b84-926b5aa4dbf2',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        authorization: 'SharedKey vectoracct:13Soo+a7K8xODhfka5klC5bBOZ0N1voVm4hC3zIgQQw=',
      },
    },
    signed: 'GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-client-request-id:eaeabeab-6bba-44bf-9b84-926b5aa4dbf2\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-version:2026-04-06\n/vectoracct/vectoracct-secondary/\ncomp:properties\nrestype:service',
  },
  {
    name: 'set metadata',
    request: {
      method: 'PUT',
      path: '/vectoracct/vectors/docs/hello%20world.txt',
      query: 'comp=metadata',
      headers: {
        'x-ms-version': '2026-04-06',
        'x-ms-meta-zeta': 'z',
        'x-ms-meta-alpha': 'x  y',
        'x-ms-meta-a_b': '1',
        'x-ms-meta-ab': '2',
        'x-ms-client-request-id': '2c12a830-654d-46aa-836a-1f9ec2a351bf',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        authorization: 'SharedKey vectoracct:q7K4JIvbtg2L5LEqe1NuGBD9lfBMuAi2+YUrqjbL1jQ=',
        'content-length': '0',
      },
    },
    signed: 'PUT\n\n\n\n\n\n\n\n\n\n\n\nx-ms-client-request-id:2c12a830-654d-46aa-836a-1f9ec2a351bf\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-meta-a_b:1\nx-ms-meta-ab:2\nx-ms-meta-alpha:x  y\nx-ms-meta-zeta:z\nx-ms-version:2026-04-06\n/vectoracct/vectoracct/vectors/docs/hello%20world.txt\ncomp:metadata',
  },
  {
    name: 'content-language and content-encoding (SDK signing policy)',
    request: {
      method: 'PUT',
      path: '/vectoracct/vectors/page.txt',
      query: 'comp=page',
      headers: {
        'content-language': 'de-DE',
        'content-encoding': 'gzip',
        'content-md5': 'Q2hlY2sgSW50ZWdyaXR5IQ==',
        'content-type': 'text/plain',
        'x-ms-version': '2021-12-02',
        'x-ms-page-write': 'update',
        range: 'bytes=0-511',
        'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT',
        'content-length': '512',
        authorization: 'SharedKey vectoracct:+QX7WKqhzgKBCfE6ZUdfF84STAZmLpP/ElVFVCZWQ30=',
      },
    },
    signed: 'PUT\nde-DE\ngzip\n512\nQ2hlY2sgSW50ZWdyaXR5IQ==\ntext/plain\n\n\n\n\n\nbytes=0-511\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-page-write:update\nx-ms-version:2021-12-02\n/vectoracct/vectoracct/vectors/page.txt\ncomp:page',
  },
];

const vector = (name: string): Vector => VECTORS.find((v) => v.name === name)!;
const mac = (text: string, key = KEY): string => createHmac('sha256', Buffer.from(key, 'base64')).update(text, 'utf8').digest('base64');
const signedWith = (request: SignableRequest, text: string, key = KEY): SignableRequest => ({
  ...request,
  headers: { ...request.headers, authorization: `SharedKey ${ACCOUNT}:${mac(text, key)}` },
});
/** x-ms-date of a request: the clock a check of it runs at. */
const sentAt = (request: SignableRequest): Date => new Date(String(request.headers['x-ms-date'] ?? request.headers.date));
const secondaryPaths = (request: SignableRequest): string[] => [request.path, request.path.replace(`/${ACCOUNT}-secondary`, `/${ACCOUNT}`)];

/** The StorageError a check throws (fails the spec when it passes). */
const refusal = (request: SignableRequest, keys = [KEY], now = sentAt(request), resourcePaths?: string[]): StorageError => {
  try {
    verifySharedKey(request, { account: ACCOUNT, keys, now, resourcePaths });
  } catch (error) {
    if (error instanceof StorageError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
};

describe('the strings @azure/storage-blob signs', () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))('%s: the vector is what the SDK signed, and it comes first among ours', (_, { request, signed }) => {
    expect(request.headers.authorization).toBe(`SharedKey ${ACCOUNT}:${mac(signed)}`);
    const paths = request.path.startsWith(`/${ACCOUNT}-secondary`) ? secondaryPaths(request) : undefined;
    expect(stringsToSign(request, ACCOUNT, paths)[0]).toBe(signed);
    expect(verifySharedKey(request, { account: ACCOUNT, keys: [KEY], now: sentAt(request), resourcePaths: paths })).toBe(0);
  });

  it('sorts x-ms- headers as Azure and the SDK do, not by code point ("_" before digits, "-" only breaking ties)', () => {
    expect(['x-ms-meta-a1', 'x-ms-meta-a_b', 'x-ms-meta-ab'].sort(compareHeaderNames)).toEqual(['x-ms-meta-a_b', 'x-ms-meta-a1', 'x-ms-meta-ab']);
    expect(['x-ms-meta-a1', 'x-ms-meta-a_b'].sort()).toEqual(['x-ms-meta-a1', 'x-ms-meta-a_b']);
    expect(['x-ms-blob-typez', 'x-ms-blobtypea'].sort(compareHeaderNames)).toEqual(['x-ms-blobtypea', 'x-ms-blob-typez']);
    expect(['x-ms-blob-typez', 'x-ms-blobtypea'].sort()).toEqual(['x-ms-blob-typez', 'x-ms-blobtypea']);
  });

  it('signs an empty line for Content-Length 0 from version 2015-02-21 on, and "0" before', () => {
    const { request } = vector('create container (empty body)');
    expect(stringsToSign(request, ACCOUNT)[0].split('\n')[3]).toBe('');
    const old = { ...request, headers: { ...request.headers, 'x-ms-version': '2014-02-14' } };
    expect(stringsToSign(old, ACCOUNT)[0].split('\n')[3]).toBe('0');
  });
});

describe('what other clients sign, also accepted', () => {
  it('Content-Encoding before Content-Language, as the REST reference orders them', () => {
    const { request, signed } = vector('content-language and content-encoding (SDK signing policy)');
    const referenceOrder = signed.replace('PUT\nde-DE\ngzip\n', 'PUT\ngzip\nde-DE\n');
    expect(referenceOrder).not.toBe(signed);
    expect(verifySharedKey(signedWith(request, referenceOrder), { account: ACCOUNT, keys: [KEY], now: sentAt(request) })).toBe(0);
  });

  it('every value of a repeated query name, sorted and comma-joined (the SDK signs only the last)', () => {
    const { request, signed } = vector('repeated query names');
    expect(signed).toMatch(/\ntag:a$/);
    const reference = signed.replace(/\ntag:a$/, '\ntag:a,b');
    expect(verifySharedKey(signedWith(request, reference), { account: ACCOUNT, keys: [KEY], now: sentAt(request) })).toBe(0);
  });

  it('query names and values decoded, valueless names included', () => {
    const request: SignableRequest = { method: 'GET', path: `/${ACCOUNT}/c`, query: 'restype=container&comp=list&Prefix=a%2Bb+c&flag', headers: { 'x-ms-date': 'Sun, 29 Nov 2026 04:58:32 GMT', 'x-ms-version': '2021-12-02' } };
    const reference = `GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:Sun, 29 Nov 2026 04:58:32 GMT\nx-ms-version:2021-12-02\n/${ACCOUNT}/${ACCOUNT}/c\ncomp:list\nflag:\nprefix:a+b c\nrestype:container`;
    expect(verifySharedKey(signedWith(request, reference), { account: ACCOUNT, keys: [KEY], now: sentAt(request) })).toBe(0);
  });

  it('a secondary request signed for the primary path (Azurite accepts both)', () => {
    const { request, signed } = vector('secondary get properties');
    const primaryPath = signed.replace(`/${ACCOUNT}/${ACCOUNT}-secondary/`, `/${ACCOUNT}/${ACCOUNT}/`);
    expect(verifySharedKey(signedWith(request, primaryPath), { account: ACCOUNT, keys: [KEY], now: sentAt(request), resourcePaths: secondaryPaths(request) })).toBe(0);
  });

  it('Date and x-ms-date both sent: the Date line as sent or empty; a Date header alone dates the request', () => {
    const base: SignableRequest = { method: 'GET', path: `/${ACCOUNT}/c`, query: 'restype=container', headers: { date: 'Sun, 29 Nov 2026 04:58:00 GMT', 'x-ms-version': '2021-12-02' } };
    const line = (date: string, xmsDate?: string) =>
      `GET\n\n\n\n\n\n${date}\n\n\n\n\n\n${xmsDate ? `x-ms-date:${xmsDate}\n` : ''}x-ms-version:2021-12-02\n/${ACCOUNT}/${ACCOUNT}/c\nrestype:container`;
    const now = new Date('2026-11-29T05:00:00Z');
    expect(verifySharedKey(signedWith(base, line(base.headers.date as string)), { account: ACCOUNT, keys: [KEY], now })).toBe(0);
    const both = { ...base, headers: { ...base.headers, 'x-ms-date': 'Sun, 29 Nov 2026 04:59:00 GMT' } };
    for (const dateLine of [base.headers.date as string, '']) {
      expect(verifySharedKey(signedWith(both, line(dateLine, 'Sun, 29 Nov 2026 04:59:00 GMT')), { account: ACCOUNT, keys: [KEY], now })).toBe(0);
    }
  });

  it('a signature made with key2', () => {
    const { request } = vector('put blob with body and metadata');
    expect(verifySharedKey(request, { account: ACCOUNT, keys: [OTHER_KEY, KEY], now: sentAt(request) })).toBe(1);
  });
});

describe('refusals', () => {
  it('a signature made with another key: 403 AuthenticationFailed naming the signature and the string the server signed', () => {
    const { request, signed } = vector('put blob with body and metadata');
    const error = refusal(request, [OTHER_KEY, Buffer.alloc(64, 9).toString('base64')]);
    expect(error).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    // Told apart from the other refusals: the gateway checks it once more against freshly looked-up keys.
    expect(error).toBeInstanceOf(SignatureMismatch);
    const signature = String(request.headers.authorization).split(':')[1];
    expect(error.details.AuthenticationErrorDetail).toBe(
      `The MAC signature found in the HTTP request '${signature}' is not the same as any computed signature. Server used following string to sign: '${signed}'.`,
    );
  });

  it.each([
    ['another blob', (r: SignableRequest) => ({ ...r, path: r.path.replace('hello', 'other') })],
    ['another method', (r: SignableRequest) => ({ ...r, method: 'DELETE' })],
    ['an added x-ms- header', (r: SignableRequest) => ({ ...r, headers: { ...r.headers, 'x-ms-meta-extra': '1' } })],
    ['another length', (r: SignableRequest) => ({ ...r, headers: { ...r.headers, 'content-length': '13' } })],
    ['an added query parameter', (r: SignableRequest) => ({ ...r, query: 'comp=block&blockid=AAAA' })],
  ])('a signed request changed to %s', (_, change) => {
    const { request } = vector('put blob with body and metadata');
    expect(refusal(change(request))).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
  });

  it('only the secondary path the caller allows', () => {
    const { request, signed } = vector('secondary get properties');
    const primaryPath = signedWith(request, signed.replace(`/${ACCOUNT}/${ACCOUNT}-secondary/`, `/${ACCOUNT}/${ACCOUNT}/`));
    expect(refusal(primaryPath).code).toBe('AuthenticationFailed');
  });

  it('a request dated more than 15 minutes away from now, either way', () => {
    const { request } = vector('get blob range with if-match');
    const at = sentAt(request).getTime();
    expect(refusal(request, [KEY], new Date(at + 16 * 60_000)).details.AuthenticationErrorDetail).toMatch(/^Request date header too old/);
    expect(refusal(request, [KEY], new Date(at + 16 * 60_000))).not.toBeInstanceOf(SignatureMismatch);
    expect(refusal(request, [KEY], new Date(at - 16 * 60_000)).details.AuthenticationErrorDetail).toMatch(/in the future/);
    expect(verifySharedKey(request, { account: ACCOUNT, keys: [KEY], now: new Date(at + 14 * 60_000) })).toBe(0);
  });

  it('a signed request without a date, or with one that is not a date', () => {
    const undated: SignableRequest = { method: 'GET', path: `/${ACCOUNT}/c`, query: '', headers: { 'x-ms-version': '2021-12-02' } };
    const signedUndated = signedWith(undated, stringsToSign(undated, ACCOUNT)[0]);
    expect(refusal(signedUndated, [KEY], new Date()).details.AuthenticationErrorDetail).toMatch(/date header not specified/);
    const garbled = { ...undated, headers: { ...undated.headers, 'x-ms-date': 'yesterday-ish' } };
    expect(refusal(signedWith(garbled, stringsToSign(garbled, ACCOUNT)[0]), [KEY], new Date()).details.AuthenticationErrorDetail).toMatch(/not a valid HTTP date/);
  });

  it('no Authorization: 401 NoAuthenticationInformation from version 2019-12-12 on, 403 AuthenticationFailed before or without a version', () => {
    const anonymous = (version?: string): SignableRequest => ({ method: 'GET', path: `/${ACCOUNT}/c`, query: '', headers: version ? { 'x-ms-version': version } : {} });
    expect(refusal(anonymous('2021-12-02'))).toMatchObject({ status: 401, code: 'NoAuthenticationInformation' });
    expect(refusal(anonymous('2019-07-07'))).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(refusal(anonymous())).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
  });

  it.each([
    ['Bearer eyJhbGciOi', /Shared Key is the only scheme/],
    ['SharedKeyLite vectoracct:abc=', /Shared Key is the only scheme/],
    ['SharedKey vectoracct', /Shared Key is the only scheme/],
    ['SharedKey otheracct:AAAA', /'otheracct' in the Authorization header is not the account of the request URL/],
  ])('Authorization %s: 403 AuthenticationFailed saying why', (authorization, detail) => {
    const { request } = vector('get blob range with if-match');
    const error = refusal({ ...request, headers: { ...request.headers, authorization } });
    expect(error).toMatchObject({ status: 403, code: 'AuthenticationFailed' });
    expect(error.details.AuthenticationErrorDetail).toMatch(detail);
  });
});
