import type { Request } from 'express';
import type { LocalUiTrust } from '../auth/local-ui';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Trusts a request with no token only when the browser says it comes from the
 * local Temporal UI (its `Origin`) and it reaches us over the loopback
 * interface: another machine cannot get in this way, whatever it sends.
 */
export function localUiTrust(uiOrigins: readonly string[]): LocalUiTrust {
  return {
    admits: (request: Request) =>
      request.headers.authorization === undefined &&
      uiOrigins.includes(request.headers.origin ?? '') &&
      LOOPBACK.has(request.socket.remoteAddress ?? ''),
  };
}
