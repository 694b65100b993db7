import { NotFoundException } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';

/**
 * The paths for operators and their tools: Prometheus's `/metrics`, Swagger UI under `/docs` (its assets and
 * `/docs-yaml` too) and `/openapi.json`. Matched as Express routes them: case-insensitively, with or without a
 * trailing slash, so no spelling of them slips through the public port.
 */
export function isAdminPath(path: string): boolean {
  const normalized = path.toLowerCase().replace(/\/+$/, '');
  return (
    normalized === '/metrics' ||
    normalized === '/openapi.json' ||
    normalized === '/docs' ||
    normalized.startsWith('/docs/') ||
    normalized.startsWith('/docs-')
  );
}

/** The health probes, which both listeners answer: the load balancer asks the public port, an orchestrator either. */
const isProbe = (path: string) => /^\/health(\/|$)/i.test(path);

const ADMIN_LISTENER = Symbol('arrived on the admin listener');

/** Marks a request as come through the admin listener's socket (admin-listener.ts), before Express sees it. */
export function markAdminRequest(request: object): void {
  (request as Record<symbol, boolean>)[ADMIN_LISTENER] = true;
}

/**
 * With an admin listener, each listener serves its own paths only: the admin paths answer 404 on the public port
 * and everything but them and the probes answers 404 on the admin port, exactly as a path that does not exist
 * (Nest's own 404), so neither side tells the other's paths from nonsense.
 */
export const adminPathsApart: RequestHandler = (request, _response, next) => {
  const onAdmin = Boolean((request as Request & Record<symbol, boolean>)[ADMIN_LISTENER]);
  const allowed = onAdmin ? isAdminPath(request.path) || isProbe(request.path) : !isAdminPath(request.path);
  next(allowed ? undefined : new NotFoundException(`Cannot ${request.method} ${request.originalUrl}`));
};
