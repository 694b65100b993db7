import { msToNumber } from '@temporalio/common/lib/time';
import { WEBHOOK_PARTNERS, type WebhookPartner } from '../../workflows/contract';
import { type Env, integerAtLeast, readEnv, text } from '../../src/config/env';
import { INTEGRATION_SYSTEMS, type IntegrationSystem, SYSTEM_ENV_STEMS } from '../../src/config/integrations';
import { duration } from '../../src/config/policy';
import { DEV_WEBHOOK_SECRETS, webhookSecretVariable } from '../../src/config/webhook-secrets';

/**
 * How the partner simulator behaves: delays, fault injection, its runner, the
 * webhooks it sends to our API and how it signs them, its HTTP server and its
 * connection pool. Read by whatever starts the sandboxes (`npm start`,
 * `npm run start:sandboxes`, the cluster and chaos launchers, the tests); the
 * product reads none of it. Every variable is documented in docs/integrations.md.
 */

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
  /** Unset: the embedded launcher starts PostgreSQL and fills it in (the sandboxes' schema lives in that database). */
  databaseUrl?: string;
  /** Connections of the sandboxes' own pool (SANDBOX_DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** Seeds every random choice of the sandboxes, so a run can be reproduced. */
  seed: number;
  /** Port of the sandbox HTTP server (partner wire format and demo controls). */
  httpPort: number;
  /** Interface it listens on: the loopback one unless the sandboxes run in a container of their own. */
  httpHost: string;
  /** Faults each system's sandbox injects (SANDBOX_<SYSTEM>_ERROR_RATE, ...). */
  faults: Record<IntegrationSystem, FaultConfig>;
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

const probability = (raw: string) => {
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
};
const httpUrl = (raw: string) => (/^https?:\/\/[^\s]+$/.test(raw) ? raw.replace(/\/+$/, '') : undefined);
const webhookSecret = (raw: string) => (/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(raw) ? raw : undefined);

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

/** The secret each sandbox signs its webhooks with: `WEBHOOK_SECRET_<PARTNER>`, as the API reads it. */
export function loadWebhookSecrets(env: Env): Record<WebhookPartner, string> {
  const secrets = {} as Record<WebhookPartner, string>;
  for (const partner of WEBHOOK_PARTNERS) {
    const name = webhookSecretVariable(partner);
    secrets[partner] = readEnv(env, name, DEV_WEBHOOK_SECRETS[partner], webhookSecret, 'whsec_<base64>');
  }
  return secrets;
}

export function loadSandboxConfig(env: Env): SandboxConfig {
  const faults = {} as Record<IntegrationSystem, FaultConfig>;
  for (const system of INTEGRATION_SYSTEMS) faults[system] = loadFaults(env, SYSTEM_ENV_STEMS[system]);
  const apiPort = readEnv(env, 'PORT', 3000, integerAtLeast(0), 'an integer >= 0');
  const secrets = loadWebhookSecrets(env);
  const devSecrets = WEBHOOK_PARTNERS.filter((partner) => secrets[partner] === DEV_WEBHOOK_SECRETS[partner]);
  if (env.NODE_ENV === 'production' && devSecrets.length > 0) {
    throw new Error(
      `Sandboxes must not sign with development secrets in production: set WEBHOOK_SECRET_* (${devSecrets})`,
    );
  }
  return {
    databaseUrl: readEnv(env, 'DATABASE_URL', undefined, text, 'text'),
    databasePoolSize: readEnv(env, 'SANDBOX_DATABASE_POOL_SIZE', 10, integerAtLeast(1), 'an integer >= 1'),
    seed: readEnv(env, 'SANDBOX_SEED', 20261128, integerAtLeast(0), 'an integer >= 0'),
    httpPort: readEnv(env, 'SANDBOX_HTTP_PORT', 3100, integerAtLeast(0), 'an integer >= 0'),
    httpHost: readEnv(env, 'SANDBOX_HTTP_HOST', '127.0.0.1', text, 'an interface address'),
    faults,
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
  };
}
