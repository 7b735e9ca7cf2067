import { isSecretName, REDACTED, redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('recognises secret-looking field names', () => {
    for (const name of ['key', 'key1', 'accountKey', 'x-api-key', 'keys', 'secret', 'clientSecret', 'password', 'DB_PASSWORD', 'token', 'credentials']) {
      expect(isSecretName(name)).toBe(true);
    }
    for (const name of ['keyVersion', 'keyName', 'accountName', 'status', 'keySource']) {
      expect(isSecretName(name)).toBe(false);
    }
  });

  it('replaces secret fields at any depth and leaves the input untouched', () => {
    const input = { account: 'acct1', body: { keys: [{ keyName: 'key1', value: 'abc' }] }, nested: [{ password: 'p', user: 'u' }] };
    expect(redactSecrets(input)).toEqual({ account: 'acct1', body: { keys: REDACTED }, nested: [{ password: REDACTED, user: 'u' }] });
    expect(input.nested[0].password).toBe('p');
  });

  it('returns the same object when nothing is secret', () => {
    const input = { msg: 'hello', context: { service: 'x' } };
    expect(redactSecrets(input)).toBe(input);
  });
});
