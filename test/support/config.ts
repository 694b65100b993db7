import { loadSandboxConfig, type SandboxConfig } from '../../dev/sandboxes/config';
import type { Env } from '../../src/config/env';
import {
  type ApiProcessConfig,
  type EmbeddedProcessConfig,
  loadApiProcessConfig,
  loadEmbeddedProcessConfig,
} from '../../src/config/processes';

/**
 * The rate limits of staff, partners and addresses count in the database every test file shares, for callers
 * every file shares (127.0.0.1, the partners, `ops-1`): at their defaults one file would spend another's budget.
 * They are tested on a database of their own (test/api/rate-limit.test.ts); elsewhere they are out of the way.
 * (The citizens' limit stays: each test has citizens of its own.)
 */
const SHARED_LIMITS_OFF: Env = {
  API_RATE_LIMIT_STAFF: '1000000000',
  API_RATE_LIMIT_WEBHOOK: '1000000000',
  API_RATE_LIMIT_PUBLIC: '1000000000',
};

/**
 * The configuration a test process runs with: the suite's servers (which the
 * global setup puts in the environment) plus the test's own settings, passed
 * as overrides rather than written into `process.env`. The whole system's, as
 * `npm start` loads it, for tests that run the API and a worker together.
 */
export function testConfiguration(overrides: Env = {}): EmbeddedProcessConfig {
  return loadEmbeddedProcessConfig({ ...SHARED_LIMITS_OFF, ...process.env, ...overrides });
}

/** The API's alone, as `npm run start:api` loads it, for tests that run the API without a worker. */
export function testApiConfiguration(overrides: Env = {}): ApiProcessConfig {
  return loadApiProcessConfig({ ...SHARED_LIMITS_OFF, ...process.env, ...overrides });
}

/** The partner simulator's settings (dev/sandboxes/config.ts), read the same way. */
export function testSandboxConfig(overrides: Env = {}): SandboxConfig {
  return loadSandboxConfig({ ...process.env, ...overrides });
}
