import type { RouteResponse } from './problem';

export interface RouteRequest {
  params: Record<string, string>;
  body: unknown;
  query: URLSearchParams;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Segments; `:name` captures one (URL-decoded, so a captured key may contain `/`). */
  path: string;
  handle(request: RouteRequest): Promise<RouteResponse>;
}

export type RouteMatch = { route: Route; params: Record<string, string> };

/** Finds the route of a request; `undefined` when no path matches, `'method'` when only the method does not. */
export function matchRoute(routes: Route[], method: string, rawPath: string): RouteMatch | 'method' | undefined {
  const segments = rawPath.split('/').filter(Boolean);
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      if (!part.startsWith(':')) return part === segments[i];
      const value = decodeSegment(segments[i]);
      if (value === undefined) return false;
      params[part.slice(1)] = value;
      return true;
    });
    if (!matches) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? 'method' : undefined;
}

/** Mounts routes under a prefix, e.g. `/sadad` + `/v1/bills`. */
export function mount(prefix: string, routes: Route[]): Route[] {
  return routes.map((route) => ({ ...route, path: `${prefix}${route.path}` }));
}

function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    // Not valid percent-encoding: no route has such a key.
    return undefined;
  }
}
