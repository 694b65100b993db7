import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Content-Security-Policy of every answer: everything from this origin only, no inline script, no plugin, no
 * framing. The pages need nothing more (their settings travel in a JSON script block, which is data, not script).
 * An API answer is JSON, which a browser never runs, but one opened as a document runs nothing either.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Swagger UI (/docs) sets styles inline as it renders (four refusals in a browser under the policy above, none of
 * them script), so its pages alone allow inline styles; its scripts are files of its own, still `'self'` only.
 */
const DOCS_POLICY = { ...CONTENT_SECURITY_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] };

const isDocs = (path: string) => /^\/docs(\/|$)/i.test(path);

/**
 * helmet's headers on every answer of the API, the pages and the admin listener alike: no `X-Powered-By`,
 * `X-Content-Type-Options: nosniff`, the policy above, `Referrer-Policy: no-referrer` (a renewal id in a page's
 * address goes nowhere else), no framing, HSTS, and the cross-origin isolation headers. Without
 * `upgrade-insecure-requests`: behind a TLS-terminating proxy the browser already asks for https, and `npm start`
 * serves plain http on localhost, whose assets it would break.
 */
export function securityHeaders(): RequestHandler {
  const headers = (directives: typeof CONTENT_SECURITY_POLICY) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
  const everywhere = headers(CONTENT_SECURITY_POLICY);
  const docs = headers(DOCS_POLICY);
  return (request, response, next) => (isDocs(request.path) ? docs : everywhere)(request, response, next);
}
