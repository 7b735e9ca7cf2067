import { ArmError } from '@atrest/azure-wire';
import { Route, ROUTES } from './routes';

export interface RouteMatch {
  readonly route: Route;
  /** Template parameters, percent-decoded: { subscriptionId, resourceGroupName, ... }. */
  readonly params: Readonly<Record<string, string>>;
}

type Segment = { literal: string } | { param: string };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly Segment[];
  readonly rest: boolean;
}

/** Finds the route of a request in the routing table (routes.ts). */
export class RouteMatcher {
  private readonly compiled: readonly CompiledRoute[];

  constructor(routes: readonly Route[] = ROUTES) {
    this.compiled = routes.map(compile);
  }

  /** The route for method + raw (percent-encoded) path; 404 when no route has the path, 405 when none allows the method. */
  match(method: string, rawPath: string): RouteMatch {
    const segments = pathSegments(rawPath);
    const allowed = new Set<string>();
    for (const candidate of this.compiled) {
      const params = matchSegments(candidate, segments);
      if (!params) continue;
      // A path a specific route owns never falls through to a catch-all just because the method differs.
      if (candidate.rest && allowed.size > 0) continue;
      const methods = candidate.route.methods;
      if (!methods || methods.some((m) => m === method)) return { route: candidate.route, params };
      methods.forEach((m) => allowed.add(m));
    }
    if (allowed.size > 0)
      throw new ArmError(405, 'MethodNotAllowed', `The method '${method}' is not allowed on this path. Allowed: ${[...allowed].join(', ')}.`, undefined, {
        allow: [...allowed].join(', '),
      });
    throw new ArmError(404, 'NotFound', `No management API answers '${method} ${rawPath}'. See GET /openapi.json for the paths the gateway serves.`);
  }
}

function compile(route: Route): CompiledRoute {
  const parts = route.path.split('/').slice(1);
  const rest = parts[parts.length - 1] === '**';
  const segments = (rest ? parts.slice(0, -1) : parts).map((part): Segment => {
    const param = /^\{(\w+)\}$/.exec(part);
    return param ? { param: param[1] } : { literal: part.toLowerCase() };
  });
  return { route, segments, rest };
}

function matchSegments({ segments, rest }: CompiledRoute, actual: readonly string[]): Record<string, string> | undefined {
  if (rest ? actual.length < segments.length : actual.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    if ('literal' in segment) {
      if (actual[i].toLowerCase() !== segment.literal) return undefined;
    } else {
      params[segment.param] = actual[i];
    }
  }
  return params;
}

/** "/a/b%20c/" -> ["a", "b c"]; refuses dot segments and malformed escapes, which could make a service see another path than the one routed. */
function pathSegments(rawPath: string): string[] {
  const parts = rawPath.split('/').slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.map((part) => {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      throw new ArmError(400, 'InvalidRequestUri', `The request path has a malformed escape: '${part}'.`);
    }
    if (segment === '.' || segment === '..' || segment.includes('/'))
      throw new ArmError(400, 'InvalidRequestUri', `The request path may not contain the segment '${part}'.`);
    return segment;
  });
}
