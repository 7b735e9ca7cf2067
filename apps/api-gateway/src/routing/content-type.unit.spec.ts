import { ArmError } from '@atrest/azure-wire';
import type { IncomingHttpHeaders } from 'node:http';
import { checkContentType } from './content-type';

const refusal = (headers: IncomingHttpHeaders) => {
  try {
    checkContentType(headers);
    return undefined;
  } catch (error) {
    return error instanceof ArmError ? { status: error.status, code: error.code, message: error.message } : error;
  }
};

describe('checkContentType', () => {
  it('lets JSON bodies and requests without a body through', () => {
    for (const headers of [
      { 'content-length': '2', 'content-type': 'application/json' },
      { 'content-length': '2', 'content-type': 'Application/JSON; charset=utf-8' },
      { 'content-length': '2', 'content-type': 'application/merge-patch+json' },
      { 'transfer-encoding': 'chunked', 'content-type': 'application/json' },
      {},
      { 'content-length': '0', 'content-type': 'text/plain' },
    ])
      expect(refusal(headers)).toBeUndefined();
  });

  it('refuses any other body, or one that names no type, with 415 UnsupportedMediaType', () => {
    expect(refusal({ 'content-length': '5', 'content-type': 'application/x-www-form-urlencoded' })).toEqual({
      status: 415,
      code: 'UnsupportedMediaType',
      message: "The content media type 'application/x-www-form-urlencoded' is not supported. Only 'application/json' is supported.",
    });
    expect(refusal({ 'transfer-encoding': 'chunked', 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
    expect(refusal({ 'content-length': '5' })).toMatchObject({ status: 415, message: expect.stringContaining("'(none)'") });
  });
});
