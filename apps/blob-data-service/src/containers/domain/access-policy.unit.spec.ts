import { errorCodeOf } from '@atrest/testing';
import { checkAccessPolicies, withStoredPolicy, type AccessPolicy } from './access-policy';
import { parseSignedIdentifiers, signedIdentifiersXml } from './signed-identifiers.xml';

const NOW = new Date('2026-11-29T12:00:00Z');

describe('stored access policies (Set Container ACL)', () => {
  it('reads the SDK’s SignedIdentifiers document and writes it back as Azure does', () => {
    const sent = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><SignedIdentifiers><SignedIdentifier><Id>readers</Id><AccessPolicy><Start>2026-11-29T00:00:00.0000000Z</Start><Expiry>2026-12-29T00:00:00.0000000Z</Expiry><Permission>rl</Permission></AccessPolicy></SignedIdentifier>
      <SignedIdentifier><Id>a&amp;b</Id><AccessPolicy/></SignedIdentifier></SignedIdentifiers>`;
    const policies = checkAccessPolicies(parseSignedIdentifiers(sent));
    expect(policies).toEqual([
      { id: 'readers', start: '2026-11-29T00:00:00.000Z', expiry: '2026-12-29T00:00:00.000Z', permission: 'rl' },
      { id: 'a&b' },
    ]);
    expect(signedIdentifiersXml(policies)).toBe(
      '<?xml version="1.0" encoding="utf-8"?><SignedIdentifiers><SignedIdentifier><Id>readers</Id><AccessPolicy><Start>2026-11-29T00:00:00.0000000Z</Start><Expiry>2026-12-29T00:00:00.0000000Z</Expiry><Permission>rl</Permission></AccessPolicy></SignedIdentifier><SignedIdentifier><Id>a&amp;b</Id><AccessPolicy></AccessPolicy></SignedIdentifier></SignedIdentifiers>',
    );
    expect(parseSignedIdentifiers('')).toEqual([]);
    expect(parseSignedIdentifiers('<SignedIdentifiers />')).toEqual([]);
  });

  it.each([
    ['another root', '<BlockList></BlockList>'],
    ['text outside elements', '<SignedIdentifiers>oops</SignedIdentifiers>'],
    ['an identifier without Id', '<SignedIdentifiers><SignedIdentifier><AccessPolicy/></SignedIdentifier></SignedIdentifiers>'],
    ['unclosed', '<SignedIdentifiers><SignedIdentifier>'],
  ])('refuses a body that is not SignedIdentifiers: %s', (_, xml) => {
    expect(errorCodeOf(() => parseSignedIdentifiers(xml))).toBe('InvalidXmlDocument');
  });

  it('holds Azure’s limits: five policies, distinct ids of 1-64 characters, container letters, valid times', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}` }));
    expect(errorCodeOf(() => checkAccessPolicies(six))).toBe('InvalidXmlDocument');
    expect(errorCodeOf(() => checkAccessPolicies([{ id: 'a' }, { id: 'a' }]))).toBe('InvalidXmlDocument');
    expect(errorCodeOf(() => checkAccessPolicies([{ id: 'x'.repeat(65) }]))).toBe('InvalidXmlNodeValue');
    expect(errorCodeOf(() => checkAccessPolicies([{ id: 'a', permission: 'rq' }]))).toBe('InvalidXmlNodeValue');
    expect(errorCodeOf(() => checkAccessPolicies([{ id: 'a', expiry: 'tomorrow' }]))).toBe('InvalidXmlNodeValue');
    expect(checkAccessPolicies(Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, permission: 'racwdl' })))).toHaveLength(5);
  });
});

describe('withStoredPolicy: a SAS naming a policy, completed by it', () => {
  const policies: AccessPolicy[] = [
    { id: 'readers', expiry: '2026-12-01T00:00:00.000Z', permission: 'rl' },
    { id: 'open-ended', permission: 'r' },
    { id: 'later', start: '2026-12-01T00:00:00.000Z', expiry: '2026-12-31T00:00:00.000Z', permission: 'r' },
    { id: 'expired', expiry: '2026-11-01T00:00:00.000Z', permission: 'r' },
  ];
  const naming = (id: string, own: { permissions?: string; start?: string; expiry?: string } = {}) =>
    ({ kind: 'container', permissions: own.permissions ?? '', storedPolicy: { id, start: own.start ?? '', expiry: own.expiry ?? '' } }) as const;

  it('takes what the token left empty from the policy', () => {
    expect(withStoredPolicy(naming('readers'), policies, NOW)).toEqual({ kind: 'container', permissions: 'rl' });
    expect(withStoredPolicy(naming('open-ended', { expiry: '2026-11-30T00:00:00Z' }), policies, NOW)).toEqual({ kind: 'container', permissions: 'r' });
  });

  it('refuses a policy that is gone, a part given twice, no expiry, or outside the time frame', () => {
    const code = (run: () => unknown) => errorCodeOf(run);
    expect(code(() => withStoredPolicy(naming('removed'), policies, NOW))).toBe('AuthenticationFailed');
    expect(code(() => withStoredPolicy(naming('readers', { permissions: 'r' }), policies, NOW))).toBe('AuthenticationFailed');
    expect(code(() => withStoredPolicy(naming('readers', { expiry: '2026-11-30T00:00:00Z' }), policies, NOW))).toBe('AuthenticationFailed');
    expect(code(() => withStoredPolicy(naming('open-ended'), policies, NOW))).toBe('AuthenticationFailed');
    expect(code(() => withStoredPolicy(naming('later'), policies, NOW))).toBe('AuthenticationFailed');
    expect(code(() => withStoredPolicy(naming('expired'), policies, NOW))).toBe('AuthenticationFailed');
  });

  it('leaves grants without a policy as they are', () => {
    const grant = { kind: 'blob', permissions: 'r' } as const;
    expect(withStoredPolicy(grant, [], NOW)).toBe(grant);
  });
});
