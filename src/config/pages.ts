import { join } from 'node:path';
import { Env, integerAtLeast, readEnv, text } from './env';
import { PROJECT_ROOT } from './paths';

/** Configuration of the pages the API serves (citizen, counter, operator, sign-in). */
export interface PagesConfig {
  /** Root of the Temporal UI, for the operator's links to a workflow (no trailing slash). */
  temporalUiUrl: string;
  temporalNamespace: string;
  /** Where `npm run build` wrote the pages' scripts and styles. */
  assetsDir: string;
  /** NODE_ENV=production: the development sign-in is refused whoever asks for it. */
  production: boolean;
}

const httpUrl = (raw: string) => (/^https?:\/\/[^\s]+$/.test(raw) ? raw.replace(/\/+$/, '') : undefined);

export function loadPagesConfig(env: Env): PagesConfig {
  const uiPort = readEnv(env, 'EMBEDDED_TEMPORAL_UI_PORT', 8233, integerAtLeast(1), 'an integer >= 1');
  return {
    // The embedded dev server's UI unless told otherwise (a cluster's UI, behind its own host name).
    temporalUiUrl: readEnv(env, 'TEMPORAL_UI_URL', `http://localhost:${uiPort}`, httpUrl, 'an http(s) URL'),
    temporalNamespace: readEnv(env, 'TEMPORAL_NAMESPACE', undefined, text, 'text') ?? 'default',
    assetsDir: readEnv(env, 'PAGES_ASSETS_DIR', undefined, text, 'a folder') ?? join(PROJECT_ROOT, 'dist', 'web'),
    production: env.NODE_ENV === 'production',
  };
}
