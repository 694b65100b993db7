import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Env } from '../../src/config/env';
import { requireEnv } from './temporal-test-env';
import { temporalOverMutualTls } from './temporal-mtls-front';

const whsec = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Settings the API starts on under NODE_ENV=production, on the suite's PostgreSQL and Temporal: nothing in them is
 * published in the repository (src/config/production-refusals.ts refuses that), every partner is real (HTTP, at an
 * address nothing listens on: these tests call no partner). The suite's database user has the embedded cluster's
 * published password, so a login role of its own with a fresh password stands in for it, member of the owner role.
 */
export async function productionEnv(): Promise<Env> {
  const suiteUrl = new URL(requireEnv('DATABASE_URL'));
  const role = `production_test_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(18).toString('hex');
  const client = new Client({ connectionString: suiteUrl.toString() });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE ${suiteUrl.username}`);
  } finally {
    await client.end();
  }
  const databaseUrl = new URL(suiteUrl);
  databaseUrl.username = role;
  databaseUrl.password = password;
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.toString(),
    PAYLOAD_KEYS: `production-test:${randomBytes(32).toString('base64')}`,
    PAYLOAD_KEY_CURRENT: 'production-test',
    PERSONAL_DATA_KEYS: `production-test:${randomBytes(32).toString('base64')}`,
    PERSONAL_DATA_KEY_CURRENT: 'production-test',
    API_PSEUDONYM_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_SECRET_SADAD: whsec(),
    WEBHOOK_SECRET_WASEL: whsec(),
    WEBHOOK_SECRET_PRINT_CENTRE: whsec(),
    WEBHOOK_SECRET_SAUDI_POST: whsec(),
    // Temporal over mutual TLS, as production requires (through a front to the suite's dev server).
    ...(await temporalOverMutualTls()),
    ...Object.fromEntries(
      ['CIVIL_REGISTRY', 'SADAD', 'PRINT_CENTRE', 'WASEL', 'SAUDI_POST', 'SMS'].flatMap((stem) => [
        [`INTEGRATION_${stem}_MODE`, 'http'],
        [`INTEGRATION_${stem}_BASE_URL`, 'http://127.0.0.1:9'],
      ]),
    ),
  };
}
