import { DomainError } from '@atrest/contracts';
import { storageError, storageErrorXml, toStorageError } from '../index';

describe('Blob service errors', () => {
  it('renders Azure XML with the request id and time, escaping text', () => {
    const xml = storageErrorXml(storageError('AuthenticationFailed', undefined, { AuthenticationErrorDetail: 'sig <bad> & wrong' }), 'req-1', new Date('2026-11-29T10:00:00Z'));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. ' +
        'Make sure the value of the Authorization header is formed correctly including the signature.\nRequestId:req-1\nTime:2026-11-29T10:00:00.000Z</Message>' +
        '<AuthenticationErrorDetail>sig &lt;bad&gt; &amp; wrong</AuthenticationErrorDetail></Error>',
    );
  });

  it('maps domain errors by code and hides anything unexpected behind InternalError', () => {
    expect(toStorageError(new DomainError('BlobNotFound', 'The specified blob does not exist.'))).toMatchObject({ status: 404, code: 'BlobNotFound' });
    expect(toStorageError(new DomainError('SomethingNew', 'odd'))).toMatchObject({ status: 400, code: 'SomethingNew' });
    const internal = toStorageError(new Error('pg: connection refused at 10.0.0.1'));
    expect(internal).toMatchObject({ status: 500, code: 'InternalError' });
    expect(internal.message).not.toMatch(/pg|10\.0/);
  });
});
