import { DomainError } from '@atrest/contracts';
import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ArmError } from './arm-error-body';
import { toArmError } from './to-arm-error';

describe('toArmError', () => {
  it('maps a domain error by the status table, 400 when not listed', () => {
    expect(toArmError(new DomainError('ResourceGroupNotFound', 'no'), { ResourceGroupNotFound: 404 })).toMatchObject({ status: 404, code: 'ResourceGroupNotFound', message: 'no' });
    expect(toArmError(new DomainError('Other', 'no'))).toMatchObject({ status: 400, code: 'Other' });
  });

  it('keeps an edge error as it is, headers included', () => {
    const error = new ArmError(401, 'AuthenticationFailed', 'no', undefined, { 'www-authenticate': 'Bearer' });
    expect(toArmError(error)).toBe(error);
  });

  it('answers malformed JSON with InvalidRequestContent, as body-parser or as Nest reports it', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 3'), { type: 'entity.parse.failed' });
    expect(toArmError(parseError)).toMatchObject({ status: 400, code: 'InvalidRequestContent' });
    const nestMapped = new BadRequestException("Expected ',' or '}' after property value in JSON at position 33");
    expect(toArmError(nestMapped)).toMatchObject({ status: 400, code: 'InvalidRequestContent' });
  });

  it('answers a body over the parser\'s limit with 413 RequestEntityTooLarge, as body-parser or as Nest reports it', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, limit: 102400 });
    expect(toArmError(tooLarge)).toMatchObject({ status: 413, code: 'RequestEntityTooLarge', message: 'The request content is too large (more than 102400 bytes).' });
    expect(toArmError(new PayloadTooLargeException())).toMatchObject({ status: 413, code: 'RequestEntityTooLarge' });
  });

  it('maps Nest HTTP exceptions to ARM codes', () => {
    expect(toArmError(new NotFoundException())).toMatchObject({ status: 404, code: 'NotFound' });
    expect(toArmError(new BadRequestException('bad'))).toMatchObject({ status: 400, code: 'BadRequest' });
  });

  it('shows nothing of an unexpected error but the request id', () => {
    const error = toArmError(new TypeError('secret internals at /app/x.ts:12'), {}, 'req-1');
    expect(error).toMatchObject({ status: 500, code: 'InternalServerError' });
    expect(error.message).not.toContain('internals');
    expect(error.message).toContain('req-1');
  });
});
