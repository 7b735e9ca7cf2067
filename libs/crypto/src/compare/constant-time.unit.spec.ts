import { constantTimeEqual } from './constant-time';

describe('constantTimeEqual', () => {
  it('is true only for equal secrets, whatever their lengths', () => {
    expect(constantTimeEqual('s3cret-value', 's3cret-value')).toBe(true);
    expect(constantTimeEqual(Buffer.from('s3cret-value'), 's3cret-value')).toBe(true);
    expect(constantTimeEqual('s3cret-value', 's3cret-valuf')).toBe(false);
    expect(constantTimeEqual('s3cret-value', 's3cret')).toBe(false);
    expect(constantTimeEqual('', 'x')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
