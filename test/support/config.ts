import type { Env } from '../../src/config/env';
import { type Configuration, loadConfiguration } from '../../src/config/process-configuration';

/**
 * The configuration a test process runs with: the suite's servers (which the
 * global setup puts in the environment) plus the test's own settings, passed
 * as overrides rather than written into `process.env`.
 */
export function testConfiguration(overrides: Env = {}): Configuration {
  return loadConfiguration({ ...process.env, ...overrides });
}
