import { join } from 'node:path';
import { type Env, integerAtLeast, readEnv, text } from '../../src/config/env';
import { PROJECT_ROOT } from '../../src/config/paths';
import { loadNamespaceRetentionMs } from '../infra/namespace-retention';

/**
 * The servers `npm start` runs itself when DATABASE_URL or TEMPORAL_ADDRESS is unset (EMBEDDED_*): the
 * harness's settings, read by npm start and the bench; the product reads none of them.
 */
export interface EmbeddedConfig {
  dataDir: string;
  postgresPort: number;
  temporalPort: number;
  temporalUiPort: number;
  /** TEMPORAL_NAMESPACE_RETENTION, set on the dev server's namespace (dev/infra/namespace-retention.ts). */
  namespaceRetentionMs: number;
  /** The sandbox identity provider (issuer http://127.0.0.1:<port>), unless OIDC_ISSUER_URL names another. */
  oidcPort: number;
}

/** Where `npm start` keeps its data (PostgreSQL, the dev server's SQLite, pid files). */
export function embeddedDataDir(env: Env): string {
  return readEnv(env, 'EMBEDDED_DATA_DIR', undefined, text, 'text') ?? join(PROJECT_ROOT, '.data');
}

export function loadEmbeddedConfig(env: Env): EmbeddedConfig {
  const port = (name: string, fallback: number) => readEnv(env, name, fallback, integerAtLeast(1), 'an integer >= 1');
  return {
    dataDir: embeddedDataDir(env),
    postgresPort: port('EMBEDDED_POSTGRES_PORT', 5433),
    temporalPort: port('EMBEDDED_TEMPORAL_PORT', 7233),
    temporalUiPort: port('EMBEDDED_TEMPORAL_UI_PORT', 8233),
    namespaceRetentionMs: loadNamespaceRetentionMs(env),
    oidcPort: port('EMBEDDED_OIDC_PORT', 3200),
  };
}
