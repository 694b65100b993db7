import { loadNodeEnv } from './deployment';
import { type Env, integerAtLeast, readEnv, text } from './env';
import { loadHttpPort } from './http-port';

/**
 * Where the API serves what is for operators and their tools, not for the public: `/metrics` (Prometheus),
 * `/docs` and `/openapi.json`. With a port, those paths are served there only and answer 404 on the public port;
 * the admin port serves them and the health probes, nothing else.
 *
 *   ADMIN_PORT=9465        production's default (0: any free port); unset outside production: no admin
 *                          listener, the paths stay on the public port (`npm start`'s convenience)
 *   ADMIN_HOST=127.0.0.1   the interface it binds: loopback by default, a private address where a scraper
 *                          in another container or host must reach it
 */
export interface AdminListenerConfig {
  /** Undefined: no admin listener, the admin paths are on the public port. */
  port?: number;
  host: string;
}

export const DEFAULT_ADMIN_PORT = 9465;

export function loadAdminListenerConfig(env: Env): AdminListenerConfig {
  const fallback = loadNodeEnv(env) === 'production' ? DEFAULT_ADMIN_PORT : undefined;
  const port = readEnv<number | undefined>(env, 'ADMIN_PORT', fallback, integerAtLeast(0), 'an integer >= 0');
  if (port !== undefined && port !== 0 && port === loadHttpPort(env)) {
    throw new Error(`ADMIN_PORT must differ from PORT (both ${port}): the admin paths would be public again`);
  }
  return { port, host: readEnv(env, 'ADMIN_HOST', '127.0.0.1', text, 'an address') };
}
