import { ArmError } from '@atrest/azure-wire';
import { RouteMatcher } from './route-matcher';
import { Route } from './routes';

const routes: Route[] = [
  { path: '/subscriptions/{subscriptionId}/providers/Microsoft.Features/**', service: 'feature-registration-service', access: 'subscription', apiVersions: ['1'] },
  { path: '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}', methods: ['GET', 'PUT'], service: 'account-service', access: 'subscription', apiVersions: ['1'] },
  { path: '/operator/things/**', service: 'account-service', access: 'operator' },
];
const matcher = new RouteMatcher(routes);

const refusal = (method: string, path: string): { status: number; code: string } => {
  try {
    matcher.match(method, path);
  } catch (error) {
    if (error instanceof ArmError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error(`${method} ${path} matched`);
};

describe('RouteMatcher', () => {
  it('matches literals case-insensitively and returns the decoded parameters', () => {
    const match = matcher.match('GET', '/SUBSCRIPTIONS/sub%2D1/ResourceGroups/my%20rg');
    expect(match.route).toBe(routes[1]);
    expect(match.params).toEqual({ subscriptionId: 'sub-1', resourceGroupName: 'my rg' });
  });

  it('ignores one trailing slash', () => {
    expect(matcher.match('GET', '/subscriptions/s/resourcegroups/rg/').route).toBe(routes[1]);
  });

  it('lets a final ** match any rest, none included', () => {
    expect(matcher.match('POST', '/subscriptions/s/providers/Microsoft.Features/a/b/c').route).toBe(routes[0]);
    expect(matcher.match('POST', '/operator/things').route).toBe(routes[2]);
    expect(matcher.match('DELETE', '/operator/things/1').route).toBe(routes[2]);
  });

  it('needs every segment of a route without **', () => {
    expect(refusal('GET', '/subscriptions/s/resourcegroups')).toEqual({ status: 404, code: 'NotFound' });
    expect(refusal('GET', '/subscriptions/s/resourcegroups/rg/extra')).toEqual({ status: 404, code: 'NotFound' });
  });

  it('answers 405 when the path is known but not the method', () => {
    expect(refusal('DELETE', '/subscriptions/s/resourcegroups/rg')).toEqual({ status: 405, code: 'MethodNotAllowed' });
  });

  it('refuses dot segments, encoded slashes and malformed escapes', () => {
    for (const path of ['/subscriptions/s/resourcegroups/..', '/operator/things/%2E', '/operator/things/a%2Fb', '/operator/things/%E0%A4%A'])
      expect(refusal('GET', path)).toEqual({ status: 400, code: 'InvalidRequestUri' });
  });
});
