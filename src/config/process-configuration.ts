import type { ApiConfig } from './api';
import { loadApiConfig } from './api';
import { type CodecServerConfig, loadCodecServerConfig } from './codec-server';
import { type AppConfig, loadConfig } from './configuration';
import type { Env } from './env';
import { type HousekeepingConfig, loadHousekeepingConfig } from './housekeeping';
import { type IntegrationsConfig, loadIntegrationsConfig } from './integrations';
import { loadPagesConfig, type PagesConfig } from './pages';
import { loadPayloadKeys, type PayloadKeysConfig } from './payload-keys';
import { loadSmsSenderConfig, type SmsSenderConfig } from './sms-sender';
import { loadTelemetryConfig, type TelemetryConfig } from './telemetry';

/**
 * The one configuration object of each process, read from the environment
 * once by its entry point and passed down from there: nothing below an entry
 * point reads `process.env`. Each process loads what it runs and no more, so a
 * worker in production needs no API secret and a migration no partner setting.
 */

/**
 * `npm run start:worker`: Temporal, PostgreSQL, the payload keys, the partner adapters its activities call, and
 * the sender that delivers the SMS outbox.
 */
export interface WorkerConfiguration extends AppConfig {
  integrations: IntegrationsConfig;
  smsSender: SmsSenderConfig;
  /** Unset outside production when PAYLOAD_KEYS is: `npm start` then generates a development key. */
  payloadKeys?: PayloadKeysConfig;
  /** Logs, metrics and traces (src/config/telemetry.ts). */
  telemetry: TelemetryConfig;
  /** The schedule the worker's start-up keeps in place. */
  housekeeping: HousekeepingConfig;
}

/** `npm run start:api`: security and limits, the codec endpoint, and the partner ports it reads from. */
export interface ApiConfiguration extends WorkerConfiguration {
  api: ApiConfig;
  codecServer: CodecServerConfig;
  /** The pages for people the API serves (src/config/pages.ts). */
  pages: PagesConfig;
}

/** `npm start`: the whole system in one process. */
export type Configuration = ApiConfiguration;

/** `npm run start:sandboxes`: the partner simulator on its own, against its tables in PostgreSQL. */
export interface SandboxesConfiguration {
  databaseUrl?: string;
  integrations: IntegrationsConfig;
}

export function loadWorkerConfiguration(env: Env): WorkerConfiguration {
  return {
    ...loadConfig(env),
    integrations: loadIntegrationsConfig(env),
    smsSender: loadSmsSenderConfig(env),
    payloadKeys: loadPayloadKeys(env),
    telemetry: loadTelemetryConfig(env),
    housekeeping: loadHousekeepingConfig(env),
  };
}

export function loadApiConfiguration(env: Env): ApiConfiguration {
  return {
    ...loadWorkerConfiguration(env),
    api: loadApiConfig(env),
    codecServer: loadCodecServerConfig(env),
    pages: loadPagesConfig(env),
  };
}

export function loadConfiguration(env: Env): Configuration {
  return loadApiConfiguration(env);
}

export function loadSandboxesConfiguration(env: Env): SandboxesConfiguration {
  const { databaseUrl } = loadConfig(env);
  return { databaseUrl, integrations: loadIntegrationsConfig(env) };
}
