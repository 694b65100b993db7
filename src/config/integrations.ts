import { WEBHOOK_PARTNERS, type WebhookPartner } from '../../workflows/contract';
import { msToNumber } from '@temporalio/common/lib/time';
import { Env, integerAtLeast, readEnv } from './env';
import { duration } from './policy';
import { DEV_WEBHOOK_SECRETS, webhookSecretVariable } from './webhook-secrets';
/**
 * Configuration of the six outside systems: which adapter each one uses
 * (sandbox or HTTP), how the HTTP adapters reach the real partners, and how
 * the sandboxes behave (delays, fault injection, the webhooks they send).
 * Every variable is documented in docs/integrations.md.
 */

export const INTEGRATION_SYSTEMS = ['civilRegistry', 'sadad', 'printCentre', 'wasel', 'saudiPost', 'sms'] as const;
export type IntegrationSystem = (typeof INTEGRATION_SYSTEMS)[number];

/** The stem of each system's variables: `INTEGRATION_<STEM>_MODE`, `SANDBOX_<STEM>_ERROR_RATE`, ... */
export const SYSTEM_ENV_STEMS: Record<IntegrationSystem, string> = {
  civilRegistry: 'CIVIL_REGISTRY',
  sadad: 'SADAD',
  printCentre: 'PRINT_CENTRE',
  wasel: 'WASEL',
  saudiPost: 'SAUDI_POST',
  sms: 'SMS',
};

/** Faults a sandbox injects into calls made to it; the three rates are drawn from one roll, so they add up. */
export interface FaultConfig {
  /** Share of calls refused with a transient error before doing anything. */
  errorRate: number;
  /** Share of calls that take effect but whose answer is lost, as a timeout (tests idempotency). */
  timeoutRate: number;
  /** Share of calls refused for good (`PartnerRejected`, non-retryable). */
  permanentErrorRate: number;
  /** Added to every call. */
  latencyMs: number;
}

export interface HttpAdapterConfig {
  /** The partner's API root, e.g. `https://sadad.example.sa/api`; paths like `/v1/bills` are appended. */
  baseUrl: string;
  timeoutMs: number;
  authHeader?: { name: string; value: string };
}

export type SystemConfig =
  { mode: 'sandbox'; faults: FaultConfig } | { mode: 'http'; faults: FaultConfig; http: HttpAdapterConfig };

export interface WebhookDeliveryConfig {
  /** Our API, e.g. `http://127.0.0.1:3000`; webhooks go to `<baseUrl>/v1/webhooks/<partner>`. */
  baseUrl: string;
  secrets: Record<WebhookPartner, string>;
  timeoutMs: number;
  /** Attempts before a webhook is given up (marked FAILED). */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface SandboxConfig {
  /** Seeds every random choice of the sandboxes, so a run can be reproduced. */
  seed: number;
  /** Port of the sandbox HTTP server of the embedded stack (partner wire format and demo controls). */
  httpPort: number;
  printCentre: { delayMs: number; failureRate: number };
  saudiPost: {
    stepDelayMs: number;
    lossProbability: number;
    failedAttemptProbability: number;
    /** Failed delivery attempts after which the carrier returns the envelope to the office. */
    maxDeliveryAttempts: number;
  };
  runner: {
    pollIntervalMs: number;
    batchSize: number;
    /** Settled webhooks, sent SMS and the events of ended shipments are deleted after this long. */
    retentionMs: number;
    /** How often a runner looks for them. */
    purgeEveryMs: number;
  };
  webhooks: WebhookDeliveryConfig;
}

export interface IntegrationsConfig {
  systems: Record<IntegrationSystem, SystemConfig>;
  sandbox: SandboxConfig;
}

const probability = (raw: string) => {
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
};
const httpUrl = (raw: string) => (/^https?:\/\/[^\s]+$/.test(raw) ? raw.replace(/\/+$/, '') : undefined);
const webhookSecret = (raw: string) => (/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(raw) ? raw : undefined);

/** `Name: value`, or a bare value sent as `Authorization`. */
function authHeader(raw: string): HttpAdapterConfig['authHeader'] {
  const match = /^([A-Za-z0-9-]+):\s*(.+)$/.exec(raw);
  return match ? { name: match[1], value: match[2] } : { name: 'Authorization', value: raw };
}

function loadFaults(env: Env, stem: string): FaultConfig {
  const faults = {
    errorRate: readEnv(env, `SANDBOX_${stem}_ERROR_RATE`, 0, probability, 'a number from 0 to 1'),
    timeoutRate: readEnv(env, `SANDBOX_${stem}_TIMEOUT_RATE`, 0, probability, 'a number from 0 to 1'),
    permanentErrorRate: readEnv(env, `SANDBOX_${stem}_PERMANENT_ERROR_RATE`, 0, probability, 'a number from 0 to 1'),
    latencyMs: readEnv(env, `SANDBOX_${stem}_LATENCY_MS`, 0, integerAtLeast(0), 'an integer >= 0'),
  };
  if (faults.errorRate + faults.timeoutRate + faults.permanentErrorRate > 1) {
    throw new Error(`SANDBOX_${stem}_ERROR_RATE, _TIMEOUT_RATE and _PERMANENT_ERROR_RATE must add up to at most 1`);
  }
  return faults;
}

function loadSystem(env: Env, stem: string): SystemConfig {
  const mode = readEnv(
    env,
    `INTEGRATION_${stem}_MODE`,
    'sandbox',
    (raw) => (raw === 'sandbox' || raw === 'http' ? raw : undefined),
    '"sandbox" or "http"',
  );
  const faults = loadFaults(env, stem);
  if (mode === 'sandbox') return { mode, faults };
  const baseUrl = readEnv(env, `INTEGRATION_${stem}_BASE_URL`, undefined, httpUrl, 'an http(s) URL');
  if (!baseUrl) throw new Error(`INTEGRATION_${stem}_BASE_URL is required when INTEGRATION_${stem}_MODE=http`);
  return {
    mode,
    faults,
    http: {
      baseUrl,
      timeoutMs: readEnv(env, `INTEGRATION_${stem}_TIMEOUT_MS`, 10_000, integerAtLeast(1), 'an integer >= 1'),
      authHeader: readEnv(env, `INTEGRATION_${stem}_AUTH_HEADER`, undefined, authHeader, '"Name: value"'),
    },
  };
}

/** The secret each sandbox signs its webhooks with: `WEBHOOK_SECRET_<PARTNER>`, as the API reads it. */
export function loadWebhookSecrets(env: Env): Record<WebhookPartner, string> {
  const secrets = {} as Record<WebhookPartner, string>;
  for (const partner of WEBHOOK_PARTNERS) {
    const name = webhookSecretVariable(partner);
    secrets[partner] = readEnv(env, name, DEV_WEBHOOK_SECRETS[partner], webhookSecret, 'whsec_<base64>');
  }
  return secrets;
}

export function loadIntegrationsConfig(env: Env): IntegrationsConfig {
  const systems = {} as Record<IntegrationSystem, SystemConfig>;
  for (const system of INTEGRATION_SYSTEMS) systems[system] = loadSystem(env, SYSTEM_ENV_STEMS[system]);
  const apiPort = readEnv(env, 'PORT', 3000, integerAtLeast(0), 'an integer >= 0');
  const secrets = loadWebhookSecrets(env);
  const sandboxed = INTEGRATION_SYSTEMS.filter((system) => systems[system].mode === 'sandbox');
  const devSecrets = WEBHOOK_PARTNERS.filter((partner) => secrets[partner] === DEV_WEBHOOK_SECRETS[partner]);
  if (env.NODE_ENV === 'production' && sandboxed.length > 0 && devSecrets.length > 0) {
    throw new Error(
      `Sandboxes must not sign with development secrets in production: set WEBHOOK_SECRET_* (${devSecrets})`,
    );
  }
  return {
    systems,
    sandbox: {
      seed: readEnv(env, 'SANDBOX_SEED', 20261128, integerAtLeast(0), 'an integer >= 0'),
      httpPort: readEnv(env, 'SANDBOX_HTTP_PORT', 3100, integerAtLeast(0), 'an integer >= 0'),
      printCentre: {
        delayMs: readEnv(env, 'SANDBOX_PRINT_CENTRE_DELAY_MS', 5_000, integerAtLeast(0), 'an integer >= 0'),
        failureRate: readEnv(env, 'SANDBOX_PRINT_CENTRE_FAILURE_RATE', 0, probability, 'a number from 0 to 1'),
      },
      saudiPost: {
        stepDelayMs: readEnv(env, 'SANDBOX_SAUDI_POST_STEP_DELAY_MS', 5_000, integerAtLeast(0), 'an integer >= 0'),
        lossProbability: readEnv(env, 'SANDBOX_SAUDI_POST_LOSS_PROBABILITY', 0, probability, 'a number from 0 to 1'),
        failedAttemptProbability: readEnv(
          env,
          'SANDBOX_SAUDI_POST_FAILED_ATTEMPT_PROBABILITY',
          0,
          probability,
          'a number from 0 to 1',
        ),
        maxDeliveryAttempts: readEnv(env, 'SANDBOX_SAUDI_POST_MAX_ATTEMPTS', 3, integerAtLeast(1), 'an integer >= 1'),
      },
      runner: {
        pollIntervalMs: readEnv(env, 'SANDBOX_POLL_INTERVAL_MS', 500, integerAtLeast(10), 'an integer >= 10'),
        batchSize: readEnv(env, 'SANDBOX_BATCH_SIZE', 50, integerAtLeast(1), 'an integer >= 1'),
        retentionMs: readEnv(env, 'SANDBOX_RETENTION', msToNumber('7 days'), duration, 'a duration such as "7 days"'),
        purgeEveryMs: readEnv(env, 'SANDBOX_PURGE_EVERY', msToNumber('10 minutes'), duration, 'a duration'),
      },
      webhooks: {
        baseUrl: readEnv(env, 'SANDBOX_WEBHOOK_BASE_URL', `http://127.0.0.1:${apiPort}`, httpUrl, 'an http(s) URL'),
        secrets,
        timeoutMs: readEnv(env, 'SANDBOX_WEBHOOK_TIMEOUT_MS', 5_000, integerAtLeast(1), 'an integer >= 1'),
        maxAttempts: readEnv(env, 'SANDBOX_WEBHOOK_MAX_ATTEMPTS', 20, integerAtLeast(1), 'an integer >= 1'),
        retryBaseMs: readEnv(env, 'SANDBOX_WEBHOOK_RETRY_BASE_MS', 500, integerAtLeast(1), 'an integer >= 1'),
        retryMaxMs: readEnv(env, 'SANDBOX_WEBHOOK_RETRY_MAX_MS', 60_000, integerAtLeast(1), 'an integer >= 1'),
      },
    },
  };
}
