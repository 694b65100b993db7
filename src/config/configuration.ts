import { join } from 'node:path';
import { RENEWAL_TASK_QUEUE, type RenewalPolicy } from '../../workflows/contract';
import { PROJECT_ROOT } from './paths';
import { Env, integerAtLeast, readEnv, text } from './env';
import { loadPolicy } from './policy';

/**
 * What every process reads: where PostgreSQL and Temporal are, the embedded
 * stack's ports, and the renewal policy. The processes' own configurations
 * (src/config/process-configuration.ts) build on it.
 */
export interface AppConfig {
  httpPort: number;
  /** Unset: the embedded launcher starts PostgreSQL and fills it in. */
  databaseUrl?: string;
  temporal: {
    /** Unset: the embedded launcher starts a Temporal dev server and fills it in. */
    address?: string;
    namespace: string;
    taskQueue: string;
    /** A prebuilt workflow bundle (see `bundleWorkflowCode`); unset, the worker bundles `workflows/` at start. */
    workflowBundlePath?: string;
  };
  embedded: {
    dataDir: string;
    postgresPort: number;
    temporalPort: number;
    temporalUiPort: number;
  };
  policy: RenewalPolicy;
}

/** Where `npm start` keeps its data (PostgreSQL, the dev server's SQLite, pid files). */
export function embeddedDataDir(env: Env): string {
  return readEnv(env, 'EMBEDDED_DATA_DIR', undefined, text, 'text') ?? join(PROJECT_ROOT, '.data');
}

export function loadConfig(env: Env): AppConfig {
  return {
    httpPort: readEnv(env, 'PORT', 3000, integerAtLeast(0), 'an integer >= 0'),
    databaseUrl: readEnv(env, 'DATABASE_URL', undefined, text, 'text'),
    temporal: {
      address: readEnv(env, 'TEMPORAL_ADDRESS', undefined, text, 'text'),
      namespace: readEnv(env, 'TEMPORAL_NAMESPACE', undefined, text, 'text') ?? 'default',
      taskQueue: readEnv(env, 'TEMPORAL_TASK_QUEUE', undefined, text, 'text') ?? RENEWAL_TASK_QUEUE,
      workflowBundlePath: readEnv(env, 'WORKFLOW_BUNDLE_PATH', undefined, text, 'text'),
    },
    embedded: {
      dataDir: embeddedDataDir(env),
      postgresPort: readEnv(env, 'EMBEDDED_POSTGRES_PORT', 5433, integerAtLeast(1), 'an integer >= 1'),
      temporalPort: readEnv(env, 'EMBEDDED_TEMPORAL_PORT', 7233, integerAtLeast(1), 'an integer >= 1'),
      temporalUiPort: readEnv(env, 'EMBEDDED_TEMPORAL_UI_PORT', 8233, integerAtLeast(1), 'an integer >= 1'),
    },
    policy: loadPolicy(env),
  };
}

/** The database URL, which every process but the embedded launcher must be given. */
export function requireDatabaseUrl(databaseUrl: string | undefined): string {
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  return databaseUrl;
}

export function requireTemporalAddress(temporal: AppConfig['temporal']): string {
  if (!temporal.address) throw new Error('TEMPORAL_ADDRESS is not set');
  return temporal.address;
}
