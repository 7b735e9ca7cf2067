import { StorageError } from '@atrest/azure-wire';
import { batchBoundaryOf, batchResponseBody, MAX_SUB_REQUESTS, parseBatchBody } from './batch-body';

const part = (id: number, line = `DELETE /acct/box/b${id}.txt HTTP/1.1`, headers = ['x-ms-date: Mon, 30 Nov 2026 02:00:00 GMT', 'Authorization: SharedKey acct:sig']) =>
  `--b\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${id}\r\n\r\n${line}\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;
const body = (...parts: string[]) => `${parts.join('')}--b--\r\n`;
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as StorageError).code;
  }
  return 'accepted';
};

describe('Blob Batch bodies (the OData batch syntax the SDK writes)', () => {
  it('reads each subrequest: Content-ID, method, path as signed, headers lower-cased', () => {
    expect(parseBatchBody(body(part(0), part(1, 'PUT /acct/box/b1.txt?comp=tier HTTP/1.1', ['x-ms-access-tier: Cool'])), 'b')).toEqual([
      { contentId: 0, method: 'DELETE', url: '/acct/box/b0.txt', headers: { 'x-ms-date': 'Mon, 30 Nov 2026 02:00:00 GMT', authorization: 'SharedKey acct:sig' } },
      { contentId: 1, method: 'PUT', url: '/acct/box/b1.txt?comp=tier', headers: { 'x-ms-access-tier': 'Cool' } },
    ]);
  });

  it('refuses what is not a batch Azure takes, naming why', () => {
    expect(code(() => parseBatchBody(part(0), 'b'))).toBe('InvalidInput'); // no closing boundary
    expect(code(() => parseBatchBody(body(), 'b'))).toBe('InvalidInput'); // no subrequest
    expect(code(() => parseBatchBody(body(part(0), part(0)), 'b'))).toBe('InvalidInput'); // one Content-ID twice
    expect(code(() => parseBatchBody(body(part(0, 'DELETE /acct/box/b.txt HTTP/2')), 'b'))).toBe('InvalidInput');
    expect(code(() => parseBatchBody(body(part(0, undefined, ['not a header'])), 'b'))).toBe('InvalidInput');
    expect(code(() => parseBatchBody(body(`${part(0)}a body\r\n`), 'b'))).toBe('InvalidInput');
    const tooMany = Array.from({ length: MAX_SUB_REQUESTS + 1 }, (_, i) => part(i));
    expect(code(() => parseBatchBody(body(...tooMany), 'b'))).toBe('ExceedsMaxBatchRequestCount');
    expect(code(() => batchBoundaryOf('application/xml'))).toBe('InvalidHeaderValue');
    expect(batchBoundaryOf('multipart/mixed; boundary=batch_1f')).toBe('batch_1f');
  });

  it('writes one part per answer, with its Content-ID, status line, headers and body', () => {
    const written = batchResponseBody(
      [
        { contentId: 0, status: 202, statusText: 'Accepted', headers: [['x-ms-request-id', 'r0']], body: '' },
        { contentId: 1, status: 404, statusText: 'Not Found', headers: [['x-ms-error-code', 'BlobNotFound']], body: '<Error/>' },
      ],
      'batchresponse_1',
    );
    expect(written).toBe(
      '--batchresponse_1\r\nContent-Type: application/http\r\nContent-ID: 0\r\n\r\nHTTP/1.1 202 Accepted\r\nx-ms-request-id: r0\r\n\r\n' +
        '--batchresponse_1\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nHTTP/1.1 404 Not Found\r\nx-ms-error-code: BlobNotFound\r\n\r\n<Error/>\r\n\r\n' +
        '--batchresponse_1--\r\n',
    );
  });
});
