import type { RenewalPolicy } from '../../workflows/contract';
import { type AdminListenerConfig, loadAdminListenerConfig } from './admin-listener';
import { type ApiConfig, loadApiConfig } from './api';
import { type CodecServerConfig, loadCodecServerConfig } from './codec-server';
import { loadDatabaseUrl } from './database';
import { type DeploymentConfig, loadDeploymentConfig } from './deployment';
import type { Env } from './env';
import { type HousekeepingConfig, loadHousekeepingConfig } from './housekeeping';
import { loadHttpPort } from './http-port';
import { type IntegrationsConfig, loadIntegrationsConfig } from './integrations';
import { loadOidcConfig, type OidcConfig } from './oidc';
import { loadPagesConfig, type PagesConfig } from './pages';
import { loadPayloadKeysConfig, type PayloadKeysConfig } from './payload-keys';
import { loadPersonalDataKeysConfig, type PersonalDataKeysConfig } from './personal-data-keys';
import { loadRenewalPolicy } from './policy';
import { refuseUnsafeProductionSettings } from './production-refusals';
import { loadSmsSenderConfig, type SmsSenderConfig } from './sms-sender';
import { loadTelemetryConfig, type TelemetryConfig } from './telemetry';
import { loadTemporalConfig, type TemporalConfig } from './temporal';
import { loadWorkerConfig, type WorkerConfig } from './worker';
import { loadWorkerDeploymentConfig, type WorkerDeploymentConfig } from './worker-deployment';

/**
 * Every slice of the configuration, one concern each, read from the environment by its own loader. A process
 * loads the slices it uses and no others (src/config/processes.ts), so a production worker needs no API secret.
 */
export interface ConfigSlices {
  /** NODE_ENV (one of an explicit set) and what production allows (ALLOW_SANDBOX_PARTNERS). */
  deployment: DeploymentConfig;
  /** Where the API listens (PORT). */
  httpPort: number;
  /** Where the API serves /metrics, /docs and /openapi.json instead, if apart (ADMIN_PORT, ADMIN_HOST). */
  adminListener: AdminListenerConfig;
  /** Unset: the embedded launcher starts PostgreSQL and fills it in. */
  databaseUrl?: string;
  temporal: TemporalConfig;
  /** The terms a new renewal is given (POLICY_*). */
  policy: RenewalPolicy;
  /** Unset outside production when PAYLOAD_KEYS is: `npm start` then generates a development key. */
  payloadKeys?: PayloadKeysConfig;
  /** What personal data are encrypted with in PostgreSQL (outside production, a published development key). */
  personalDataKeys: PersonalDataKeysConfig;
  /** Logs, metrics and traces. */
  telemetry: TelemetryConfig;
  /** Which adapter each partner uses, and where the HTTP ones reach it (the sandboxes' settings are the harness's). */
  integrations: IntegrationsConfig;
  /** The API's security and traffic limits (API_*, WEBHOOK_SECRET_*). */
  api: ApiConfig;
  /** The OpenID Connect provider the API trusts and how its claims map (OIDC_*). */
  oidc: OidcConfig;
  /** The codec endpoint the Temporal UI calls. */
  codecServer: CodecServerConfig;
  /** The pages for people the API serves. */
  pages: PagesConfig;
  /** Workflow cache, task slots, pollers and the database pool of a worker (WORKER_*). */
  worker: WorkerConfig;
  /** The Worker Deployment Version a worker serves (TEMPORAL_DEPLOYMENT_NAME, TEMPORAL_BUILD_ID). */
  workerDeployment: WorkerDeploymentConfig;
  /** The worker's sender of the SMS outbox. */
  smsSender: SmsSenderConfig;
  /** The schedule the worker's start-up keeps in place. */
  housekeeping: HousekeepingConfig;
}

export type ConfigSlice = keyof ConfigSlices;

const LOADERS: { [Slice in ConfigSlice]-?: (env: Env) => ConfigSlices[Slice] } = {
  deployment: loadDeploymentConfig,
  httpPort: loadHttpPort,
  adminListener: loadAdminListenerConfig,
  databaseUrl: loadDatabaseUrl,
  temporal: loadTemporalConfig,
  policy: loadRenewalPolicy,
  payloadKeys: loadPayloadKeysConfig,
  personalDataKeys: loadPersonalDataKeysConfig,
  telemetry: loadTelemetryConfig,
  integrations: loadIntegrationsConfig,
  api: loadApiConfig,
  oidc: loadOidcConfig,
  codecServer: loadCodecServerConfig,
  pages: loadPagesConfig,
  worker: loadWorkerConfig,
  workerDeployment: loadWorkerDeploymentConfig,
  smsSender: loadSmsSenderConfig,
  housekeeping: loadHousekeepingConfig,
};

/**
 * These slices, each read by its loader, and nothing else. NODE_ENV is read first, whatever the slices: an unknown
 * value stops every process before any loader picks its defaults by it. Under production the settings these slices
 * read are then held to src/config/production-refusals.ts.
 */
export function loadSlices<Slice extends ConfigSlice>(env: Env, slices: readonly Slice[]): Pick<ConfigSlices, Slice> {
  const deployment = loadDeploymentConfig(env);
  const config = Object.fromEntries(slices.map((slice) => [slice, LOADERS[slice](env)])) as Pick<ConfigSlices, Slice>;
  refuseUnsafeProductionSettings(env, deployment, slices);
  return config;
}
