import { loadPseudonymKey } from './api';
import type { Env } from './env';
import { type ConfigSlices, loadSlices } from './slices';

/**
 * The one configuration object of each process, read from the environment
 * once by its entry point and passed down from there: nothing below an entry
 * point reads `process.env`. Each process lists the slices it uses
 * (src/config/slices.ts) and loads no others, so a worker in production needs
 * no API secret, and the API no worker tuning.
 */

/**
 * `npm run start:api`: where it listens, PostgreSQL (and the keys of the personal data it keeps there), Temporal and
 * the payload keys of its client, the policy new renewals get, the partner ports it reads from, its security and
 * limits, the codec endpoint and the pages.
 */
export const API_SLICES = [
  'deployment',
  'httpPort',
  'adminListener',
  'databaseUrl',
  'temporal',
  'policy',
  'payloadKeys',
  'personalDataKeys',
  'telemetry',
  'integrations',
  'api',
  'oidc',
  'codecServer',
  'pages',
] as const;
export type ApiSlice = (typeof API_SLICES)[number];
export type ApiProcessConfig = Pick<ConfigSlices, ApiSlice>;

/**
 * `npm run start:worker`: PostgreSQL and the personal-data keys (it reads a citizen's national ID to send an SMS,
 * and re-encrypts after a key rotation; the look-up key, API_PSEUDONYM_KEY, stays with the API), Temporal, the
 * payload keys, the partner adapters its activities call, its tuning and the deployment version it serves, the sender that delivers the SMS outbox,
 * and the housekeeping schedule.
 */
export const WORKER_SLICES = [
  'deployment',
  'databaseUrl',
  'temporal',
  'payloadKeys',
  'personalDataKeys',
  'telemetry',
  'integrations',
  'worker',
  'workerDeployment',
  'smsSender',
  'housekeeping',
] as const;
export type WorkerProcessConfig = Pick<ConfigSlices, (typeof WORKER_SLICES)[number]>;

/**
 * `npm start`: the API and a worker in one process. The servers it starts for them and the partner simulator it
 * hands them are the harness's settings (dev/embedded/config.ts, dev/sandboxes/config.ts), not the product's.
 */
export type EmbeddedProcessConfig = ApiProcessConfig & WorkerProcessConfig;

/**
 * `npm run migrate`: PostgreSQL, the personal-data keys and the look-up key (the migration that encrypts national
 * IDs already stored indexes them with it), and none of the API's other secrets.
 */
export type MigratorProcessConfig = Pick<ConfigSlices, 'databaseUrl' | 'personalDataKeys'> & { pseudonymKey: string };

/** `npm run keys:rotate`: PostgreSQL, the personal-data keys, and the batch size (HOUSEKEEPING_BATCH_SIZE). */
export type KeyRotationProcessConfig = Pick<ConfigSlices, 'databaseUrl' | 'personalDataKeys' | 'housekeeping'>;

export function loadMigratorProcessConfig(env: Env): MigratorProcessConfig {
  return { ...loadSlices(env, ['databaseUrl', 'personalDataKeys']), pseudonymKey: loadPseudonymKey(env) };
}

export function loadKeyRotationProcessConfig(env: Env): KeyRotationProcessConfig {
  return loadSlices(env, ['databaseUrl', 'personalDataKeys', 'housekeeping']);
}

export function loadApiProcessConfig(env: Env): ApiProcessConfig {
  return loadSlices(env, API_SLICES);
}

export function loadWorkerProcessConfig(env: Env): WorkerProcessConfig {
  return loadSlices(env, WORKER_SLICES);
}

export function loadEmbeddedProcessConfig(env: Env): EmbeddedProcessConfig {
  return loadSlices(env, [...new Set([...API_SLICES, ...WORKER_SLICES])]);
}
