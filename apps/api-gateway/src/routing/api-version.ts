import { API_VERSION_PARAMETER, ArmError } from '@atrest/azure-wire';
import { Route } from './routes';

/** 400 MissingApiVersionParameter / InvalidApiVersionParameter unless the route accepts the request's api-version (operator routes take none). */
export function checkApiVersion(route: Route, query: URLSearchParams): void {
  if (route.access === 'operator') return;
  const supported = route.apiVersions.join(', ');
  const apiVersion = query.get(API_VERSION_PARAMETER);
  if (!apiVersion)
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      `The api-version query parameter (?api-version=) is required for all requests. The supported api-versions for this path are '${supported}'.`,
    );
  if (!route.apiVersions.includes(apiVersion.toLowerCase()))
    throw new ArmError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${apiVersion.slice(0, 40)}' is invalid. The supported versions for this path are '${supported}'.`,
    );
}
