import { ArmError } from '@atrest/azure-wire';
import { RouteMatch } from '../routing/route-matcher';
import { OPERATOR_ROLE, Principal } from './token.claims';

/** 403 AuthorizationFailed unless the token names the path's subscription (or, on operator paths, has the Operator role). */
export function authorize(principal: Principal, { route, params }: RouteMatch, method: string): void {
  if (route.access === 'operator') {
    if (principal.roles.includes(OPERATOR_ROLE)) return;
    throw new ArmError(
      403,
      'AuthorizationFailed',
      `The client '${principal.subject}' does not have the '${OPERATOR_ROLE}' role required for operator endpoints (npm run token -- --operator).`,
    );
  }
  const subscriptionId = params.subscriptionId ?? '';
  if (principal.subscriptions.has(subscriptionId.toLowerCase())) return;
  throw new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${principal.subject}' does not have authorization to perform '${method}' over scope '/subscriptions/${subscriptionId}', ` +
      `or the scope is invalid. Get a token that names the subscription (npm run token -- ${subscriptionId || '<subscriptionId>'}).`,
  );
}
