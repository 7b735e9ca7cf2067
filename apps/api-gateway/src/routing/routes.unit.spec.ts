import { ArmError } from '@atrest/azure-wire';
import { RouteMatcher } from './route-matcher';
import { API_VERSIONS, ROUTES } from './routes';

// The routing table's key-management rows: the ARM key-ring paths and the
// operator paths reach key-management-service, the re-wrap job of stored data
// keys blob-data-service. The services' internal APIs
// (/internal/**, service to service: key-management-service's data keys,
// account-service's account lookup) are reachable by no path at all.

const matcher = new RouteMatcher();
const METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'];
const KEYS = '/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Storage/storageAccounts/acct1/encryptionKeys';

const refusal = (method: string, path: string): { status: number; code: string } => {
  try {
    const { route } = matcher.match(method, path);
    return { status: 200, code: `routed to ${route.service}` };
  } catch (error) {
    if (error instanceof ArmError) return { status: error.status, code: error.code };
    throw error;
  }
};

describe('key-management routes', () => {
  it.each([
    ['GET', KEYS],
    ['POST', `${KEYS}/rotate`],
    ['GET', KEYS.toLowerCase()],
  ])('%s %s -> key-management-service, ahead of the account-service catch-all, with the Storage api-versions', (method, path) => {
    const { route, params } = matcher.match(method, path);
    expect(route).toMatchObject({ service: 'key-management-service', access: 'subscription', apiVersions: API_VERSIONS.storage });
    expect(params).toMatchObject({ subscriptionId: 'sub-1', accountName: 'acct1' });
  });

  it('answers 405 for a wrong method on a key-ring path instead of falling through to the account-service catch-all', () => {
    expect(refusal('PUT', KEYS)).toEqual({ status: 405, code: 'MethodNotAllowed' });
    expect(refusal('GET', `${KEYS}/rotate`)).toEqual({ status: 405, code: 'MethodNotAllowed' });
  });

  it.each([
    ['GET', `${KEYS}/rewrap`],
    ['POST', `${KEYS}/rewrap`],
    ['POST', `${KEYS.toLowerCase()}/REWRAP`],
  ])('%s %s -> blob-data-service (the re-wrap job), ahead of the account-service catch-all', (method, path) => {
    const { route, params } = matcher.match(method, path);
    expect(route).toMatchObject({ service: 'blob-data-service', access: 'subscription', apiVersions: API_VERSIONS.storage });
    expect(params).toMatchObject({ subscriptionId: 'sub-1', accountName: 'acct1' });
    expect(refusal('DELETE', path)).toEqual({ status: 405, code: 'MethodNotAllowed' });
  });

  it('leaves the account itself to account-service, its key source included (no customerManagedKey door on the key ring)', () => {
    expect(matcher.match('GET', KEYS.replace('/encryptionKeys', '')).route.service).toBe('account-service');
    expect(matcher.match('PATCH', KEYS.replace('/encryptionKeys', '')).route.service).toBe('account-service');
    // Falls to the account-service catch-all, which has no such resource (404).
    expect(matcher.match('PUT', `${KEYS}/customerManagedKey`).route.service).toBe('account-service');
  });

  it.each([
    ['PUT', '/operator/keyvault/contosovault/keys/sse-key/versions/0a1b2c3d'],
    ['POST', '/operator/keyvault/contosovault/keys/sse-key/versions/0a1b2c3d/revoke'],
    ['POST', '/operator/keyvault/contosovault/keys/sse-key/versions/0a1b2c3d/restore'],
    ['GET', '/operator/key-audit'],
  ])('%s %s -> key-management-service, operators only', (method, path) => {
    expect(matcher.match(method, path).route).toMatchObject({ service: 'key-management-service', access: 'operator' });
  });
});

describe('internal APIs are never routed', () => {
  it.each([
    '/internal/accounts/acct1/data-keys',
    '/internal/accounts/acct1/data-keys/unwrap',
    '/internal/accounts/acct1/data-keys/rewrap',
    '/INTERNAL/accounts/acct1/data-keys',
    '//internal/accounts/acct1/data-keys',
    '/internal/storageAccounts/acct1',
  ])(
    '404 for %s, whatever the method',
    (path) => {
      for (const method of METHODS) expect({ method, ...refusal(method, path) }).toEqual({ method, status: 404, code: 'NotFound' });
    },
  );

  it.each([
    '/operator/keyvault/../../internal/accounts/acct1/data-keys',
    '/operator/keyvault/%2e%2e/%2E%2E/internal/accounts/acct1/data-keys',
    '/operator/keyvault/x%2F..%2F..%2Finternal%2Faccounts%2Facct1%2Fdata-keys',
    `${KEYS}/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Finternal/accounts/acct1/data-keys`,
  ])('400 for a path that would climb out of a routed prefix: %s', (path) => {
    expect(refusal('POST', path)).toEqual({ status: 400, code: 'InvalidRequestUri' });
  });

  it('routes only under /subscriptions and /operator, so the raw path a service receives starts there', () => {
    expect(ROUTES.map((route) => route.path.split('/')[1]).filter((first) => first !== 'subscriptions' && first !== 'operator')).toEqual([]);
  });
});
