import { loadSandboxConfig, type SandboxConfig } from '../../dev/sandboxes/config';
import type { Env } from '../../src/config/env';
import {
  type ApiProcessConfig,
  type EmbeddedProcessConfig,
  loadApiProcessConfig,
  loadEmbeddedProcessConfig,
} from '../../src/config/processes';

/**
 * The configuration a test process runs with: the suite's servers (which the
 * global setup puts in the environment) plus the test's own settings, passed
 * as overrides rather than written into `process.env`. The whole system's, as
 * `npm start` loads it, for tests that run the API and a worker together.
 */
export function testConfiguration(overrides: Env = {}): EmbeddedProcessConfig {
  return loadEmbeddedProcessConfig({ ...process.env, ...overrides });
}

/** The API's alone, as `npm run start:api` loads it, for tests that run the API without a worker. */
export function testApiConfiguration(overrides: Env = {}): ApiProcessConfig {
  return loadApiProcessConfig({ ...process.env, ...overrides });
}

/** The partner simulator's settings (dev/sandboxes/config.ts), read the same way. */
export function testSandboxConfig(overrides: Env = {}): SandboxConfig {
  return loadSandboxConfig({ ...process.env, ...overrides });
}
