import { join } from 'node:path';
import type { RenewalPolicy } from '../../workflows/types';
import { RENEWAL_TASK_QUEUE } from '../../workflows/types';
import { PROJECT_ROOT } from './paths';
import { loadPolicy } from './policy';

/**
 * All configuration, read from the environment in one place and shared by the
 * API (through @nestjs/config), the worker and the embedded launcher.
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

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Environment variable ${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

function text(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

export function loadConfig(env: Env = process.env): AppConfig {
  return {
    httpPort: integer(env, 'PORT', 3000, 0),
    databaseUrl: text(env, 'DATABASE_URL'),
    temporal: {
      address: text(env, 'TEMPORAL_ADDRESS'),
      namespace: text(env, 'TEMPORAL_NAMESPACE') ?? 'default',
      taskQueue: text(env, 'TEMPORAL_TASK_QUEUE') ?? RENEWAL_TASK_QUEUE,
      workflowBundlePath: text(env, 'WORKFLOW_BUNDLE_PATH'),
    },
    embedded: {
      dataDir: text(env, 'EMBEDDED_DATA_DIR') ?? join(PROJECT_ROOT, '.data'),
      postgresPort: integer(env, 'EMBEDDED_POSTGRES_PORT', 5433, 1),
      temporalPort: integer(env, 'EMBEDDED_TEMPORAL_PORT', 7233, 1),
      temporalUiPort: integer(env, 'EMBEDDED_TEMPORAL_UI_PORT', 8233, 1),
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
