import type { WebhookPartner } from '../../workflows/contract';
import type { Env } from './env';
import { devWebhookSecret, webhookSecretVariable } from './webhook-secrets';
/**
 * Configuration of the API's security and traffic limits, read from the
 * environment. Every secret has a development default so the embedded stack
 * runs with no setup; in production (NODE_ENV=production) the defaults are
 * refused, so a deployment cannot go live with a secret printed in this file.
 */

export interface ApiConfig {
  /**
   * Key of the keyed hash that stands for a citizen in the audit trail and in
   * idempotency records, so neither holds a national ID (a plain hash of a
   * 10-digit number is reversed by trying them all; a keyed one is not), and
   * by which the read model finds a citizen's renewals (its look-up column is
   * the same hash: src/persistence/personal-data.ts).
   */
  pseudonymKey: string;
  /** Standard Webhooks secrets (`whsec_` + base64), one per partner. */
  webhookSecrets: Record<WebhookPartner, string>;
  /**
   * Requests per window (API_RATE_LIMIT_WINDOW_MS) for each class of caller, counted in PostgreSQL so every
   * replica sees the same count; each class over all its routes together.
   */
  rateLimit: {
    /** One citizen (by pseudonym), over all citizen endpoints. */
    citizenLimit: number;
    /** One clerk, operator or courier (by role and subject), over all their endpoints. */
    staffLimit: number;
    /** One partner's signed webhooks (counted once the signature is verified, so only the partner spends them). */
    webhookLimit: number;
    /** One client address on routes without credentials (the pages and the development sign-in). */
    publicLimit: number;
    windowMs: number;
  };
  /**
   * Which proxies in front of the API are trusted to say who the client is (`X-Forwarded-For`), for the per-address
   * limit: none (false), the nearest N hops, or these addresses and ranges (`loopback`, `uniquelocal`, CIDRs).
   */
  trustProxy: false | number | string[];
  /** Live status streams (server-sent events), each holding a connection open. */
  streams: {
    /** Streams one person may hold open at once on a replica (each replica counts its own). */
    perPerson: number;
    /** Streams one API replica holds open at most, whoever opened them. */
    perReplica: number;
  };
  /** Largest JSON body accepted, in bytes. */
  bodyLimitBytes: number;
  /** After SIGTERM, readiness fails at once and the server keeps serving this long before closing. */
  shutdownGraceMs: number;
  /**
   * How long a readiness outcome (PostgreSQL and Temporal asked) answers every `/health/ready` after it, so a
   * flood of probes costs one check per interval, not a database ping and a Temporal call each.
   */
  readinessCacheMs: number;
  /**
   * How long `POST /v1/renewals` waits for the eligibility outcome. Past it, the
   * renewal has started all the same and the answer says `ELIGIBILITY_CHECK`.
   */
  creationWaitMs: number;
  /** PostgreSQL connections of the API's pool. */
  databasePoolSize: number;
  /**
   * How long a list's count may take before PostgreSQL's estimate answers instead (src/persistence/repositories/
   * paging.ts): the count runs beside the page and must not hold it up.
   */
  countTimeoutMs: number;
}

/** The development default, published here, so refused in production even when set explicitly (production-refusals.ts). */
export const DEV_PSEUDONYM_KEY = 'dev-only-pseudonym-key-change-me-0001';

function integer(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new Error(`Environment variable ${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return Number(raw);
}

function secret(env: Env, name: string, devDefault: string, minLength: number): string {
  const value = env[name]?.trim();
  if (value) {
    if (value.length < minLength)
      throw new Error(`Environment variable ${name} must be at least ${minLength} characters`);
    return value;
  }
  if (env.NODE_ENV === 'production') throw new Error(`Environment variable ${name} must be set in production`);
  return devDefault;
}

/** Express's `trust proxy`, minus `true`: trusting every hop lets any client name its own address. */
function trustProxy(env: Env): ApiConfig['trustProxy'] {
  const raw = env.API_TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const address = /^(loopback|linklocal|uniquelocal|[0-9.]+(\/\d{1,2})?|[0-9A-Fa-f:]+:[0-9A-Fa-f:.]*(\/\d{1,3})?)$/;
  if (raw === 'true' || !entries.every((entry) => address.test(entry))) {
    throw new Error(
      `Environment variable API_TRUST_PROXY must be false, a number of hops, or addresses and ranges ` +
        `(loopback, linklocal, uniquelocal, CIDRs), got "${raw}"`,
    );
  }
  return entries;
}

function webhookSecret(env: Env, partner: WebhookPartner): string {
  const name = webhookSecretVariable(partner);
  const value = secret(env, name, devWebhookSecret(partner), 16);
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw new Error(`Environment variable ${name} must look like whsec_<base64>`);
  }
  return value;
}

/**
 * API_PSEUDONYM_KEY on its own, for the migrator, which needs it (to index national IDs already stored, see
 * src/persistence/personal-data.ts) and none of the API's other secrets.
 */
export function loadPseudonymKey(env: Env): string {
  return secret(env, 'API_PSEUDONYM_KEY', DEV_PSEUDONYM_KEY, 32);
}

export function loadApiConfig(env: Env): ApiConfig {
  return {
    pseudonymKey: loadPseudonymKey(env),
    webhookSecrets: {
      sadad: webhookSecret(env, 'sadad'),
      wasel: webhookSecret(env, 'wasel'),
      'print-centre': webhookSecret(env, 'print-centre'),
      'saudi-post': webhookSecret(env, 'saudi-post'),
    },
    rateLimit: {
      citizenLimit: integer(env, 'API_RATE_LIMIT_CITIZEN', 60, 1),
      staffLimit: integer(env, 'API_RATE_LIMIT_STAFF', 600, 1),
      webhookLimit: integer(env, 'API_RATE_LIMIT_WEBHOOK', 6_000, 1),
      publicLimit: integer(env, 'API_RATE_LIMIT_PUBLIC', 600, 1),
      windowMs: integer(env, 'API_RATE_LIMIT_WINDOW_MS', 60_000, 1_000),
    },
    trustProxy: trustProxy(env),
    streams: {
      perPerson: integer(env, 'API_STREAMS_PER_PERSON', 3, 1),
      perReplica: integer(env, 'API_STREAMS_PER_REPLICA', 2_000, 1),
    },
    bodyLimitBytes: integer(env, 'API_BODY_LIMIT_BYTES', 64 * 1024, 1024),
    shutdownGraceMs: integer(env, 'API_SHUTDOWN_GRACE_MS', 5_000, 0),
    readinessCacheMs: integer(env, 'API_READINESS_CACHE_MS', 1_000, 0),
    creationWaitMs: integer(env, 'API_CREATION_WAIT_MS', 10_000, 0),
    databasePoolSize: integer(env, 'API_DATABASE_POOL_SIZE', 20, 1),
    countTimeoutMs: integer(env, 'API_COUNT_TIMEOUT_MS', 25, 1),
  };
}
