import { HttpStatus } from '@nestjs/common';
import type { Application, RequestHandler } from 'express';
import { METHODS } from 'node:http';
import { ProblemException } from './problem';

/** What this middleware reads of the Express router's layers (router 2, as Express 5 uses it). */
interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean | undefined> };
  match(path: string): unknown;
}

type Route = NonNullable<RouterLayer['route']>;

/** The methods a route answers, as `Allow` lists them: HEAD comes with GET, as Express serves it. */
function allowedMethods(route: Route): string[] {
  const methods = Object.keys(route.methods)
    .filter((method) => method !== '_all' && route.methods[method])
    .map((method) => method.toUpperCase());
  return methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : methods;
}

/** A route answering every method Node knows was mounted with `all()`, as Nest mounts middleware: not a resource. */
function isMiddleware(route: Route): boolean {
  return Boolean(route.methods._all) || METHODS.every((method) => route.methods[method.toLowerCase()]);
}

/**
 * Each route's `Allow` list (`undefined` for middleware), worked out at its first request: routes do not change
 * their methods once the app serves, and every request passes here.
 */
const allowLists = new WeakMap<Route, string[] | undefined>();
function allowListOf(route: Route): string[] | undefined {
  if (!allowLists.has(route)) allowLists.set(route, isMiddleware(route) ? undefined : allowedMethods(route));
  return allowLists.get(route);
}

/** A route without parameters (`/v1/counter/renewals/lookup`), as opposed to one with (`…/:renewalId`). */
const isLiteral = (route: Route) => !/[:*]/.test(route.path);

/**
 * A path the API serves, asked with a method it does not serve, is a 405 with `Allow` (RFC 9110 §15.5.6), not
 * the router's 404, which would say the resource does not exist. The routes are read from the Express router
 * when a request comes, so every route Nest registers counts, whatever module declared it. A path that names a
 * resource literally is that resource only: `GET …/renewals/lookup` is a 405 (the look-up is POST), not a read of a
 * renewal whose id would be `lookup` (a 400 for a malformed id). OPTIONS is left to Express, which answers it with
 * `Allow` itself.
 */
export function methodNotAllowed(app: Application): RequestHandler {
  return (request, response, next) => {
    if (request.method === 'OPTIONS') return next();
    const matching = (app.router.stack as unknown as RouterLayer[]).filter(
      (layer) => layer.route && allowListOf(layer.route) && layer.match(request.path),
    );
    const literal = matching.filter((layer) => isLiteral(layer.route as Route));
    const allowed = new Set<string>();
    for (const layer of literal.length > 0 ? literal : matching) {
      const methods = allowListOf(layer.route as Route) as string[];
      if (methods.includes(request.method)) return next();
      methods.forEach((method) => allowed.add(method));
    }
    if (allowed.size === 0) return next();
    response.setHeader('Allow', [...allowed].join(', '));
    next(
      new ProblemException(
        HttpStatus.METHOD_NOT_ALLOWED,
        'method-not-allowed',
        'Method not allowed',
        `${request.method} is not served here; Allow lists the methods that are`,
      ),
    );
  };
}
