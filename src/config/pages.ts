import { join } from 'node:path';
import { Env, integerAtLeast, readEnv, text } from './env';
import { PROJECT_ROOT } from './paths';

/**
 * Configuration of the pages the API serves (citizen, counter, operator).
 * Kept apart so it can be folded into the single configuration object later.
 */
export interface PagesConfig {
  /**
   * The development sign-in page, which mints tokens for seeded people. Only
   * the embedded launcher asks for it, and never under NODE_ENV=production.
   */
  devSignIn: boolean;
  /** Why a requested development sign-in was refused, for the start-up log. */
  devSignInRefusal?: string;
  /** Root of the Temporal UI, for the operator's links to a workflow (no trailing slash). */
  temporalUiUrl: string;
  temporalNamespace: string;
  /** Where `npm run build` wrote the pages' scripts and styles. */
  assetsDir: string;
}

/** Settings that come from the process building the API, never from the environment. */
export interface PagesOverrides {
  /** Asked for by the embedded launcher (`npm start`) when the registry is its sandbox. */
  devSignIn?: boolean;
}

const httpUrl = (raw: string) => (/^https?:\/\/[^\s]+$/.test(raw) ? raw.replace(/\/+$/, '') : undefined);

export function loadPagesConfig(env: Env = process.env, overrides: PagesOverrides = {}): PagesConfig {
  const uiPort = readEnv(env, 'EMBEDDED_TEMPORAL_UI_PORT', 8233, integerAtLeast(1), 'an integer >= 1');
  const production = env.NODE_ENV === 'production';
  const refused = overrides.devSignIn === true && production;
  return {
    devSignIn: overrides.devSignIn === true && !production,
    ...(refused ? { devSignInRefusal: 'the development sign-in is never served under NODE_ENV=production' } : {}),
    // The embedded dev server's UI unless told otherwise (a cluster's UI, behind its own host name).
    temporalUiUrl: readEnv(env, 'TEMPORAL_UI_URL', `http://localhost:${uiPort}`, httpUrl, 'an http(s) URL'),
    temporalNamespace: readEnv(env, 'TEMPORAL_NAMESPACE', undefined, text, 'text') ?? 'default',
    assetsDir: readEnv(env, 'PAGES_ASSETS_DIR', undefined, text, 'a folder') ?? join(PROJECT_ROOT, 'dist', 'web'),
  };
}
