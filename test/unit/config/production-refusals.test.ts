import { DEV_PSEUDONYM_KEY } from '../../../src/config/api';
import type { Env } from '../../../src/config/env';
import { DEVELOPMENT_PERSONAL_DATA_KEYS } from '../../../src/config/personal-data-keys';
import {
  loadApiProcessConfig,
  loadEmbeddedProcessConfig,
  loadKeyRotationProcessConfig,
  loadMigratorProcessConfig,
  loadWorkerProcessConfig,
} from '../../../src/config/processes';
import { PRODUCTION_REFUSALS, startupWarnings } from '../../../src/config/production-refusals';
import { DEV_WEBHOOK_SECRETS } from '../../../src/config/webhook-secrets';
import { TEST_PAYLOAD_ENV } from '../../support/payload-keys';
import { TEST_PERSONAL_DATA_KEY_A, TEST_PERSONAL_DATA_KEY_B } from '../../support/personal-data-keys';

const developmentPersonalDataKey = DEVELOPMENT_PERSONAL_DATA_KEYS.PERSONAL_DATA_KEYS.split(':')[1];
const STEMS = ['CIVIL_REGISTRY', 'SADAD', 'PRINT_CENTRE', 'WASEL', 'SAUDI_POST', 'SMS'];
const whsec = (text: string) => `whsec_${Buffer.from(text).toString('base64')}`;

/** A production environment with nothing published in it and every partner real: both processes start on it. */
const PRODUCTION: Env = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://renewals_api:Zq8w-own-password@db.internal:5432/renewals',
  TEMPORAL_ADDRESS: 'temporal.internal:7233',
  TEMPORAL_TLS_CLIENT_CERT_PATH: '/tls/passport-api.pem',
  TEMPORAL_TLS_CLIENT_KEY_PATH: '/tls/passport-api.key',
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/tls/clients-ca.pem',
  TEMPORAL_BUILD_ID: '2c23bec',
  PAYLOAD_KEYS: `2026-q1:${Buffer.alloc(32, 9).toString('base64')}`,
  PERSONAL_DATA_KEYS: `2026-q1:${Buffer.alloc(32, 7).toString('base64')}`,
  OIDC_ISSUER_URL: 'https://sso.example.sa/realms/passport-renewal',
  API_PSEUDONYM_KEY: 'a-production-pseudonym-key-of-32-chars!',
  WEBHOOK_SECRET_SADAD: whsec('live-sadad-0000000001'),
  WEBHOOK_SECRET_WASEL: whsec('live-wasel-0000000001'),
  WEBHOOK_SECRET_PRINT_CENTRE: whsec('live-print-000000001'),
  WEBHOOK_SECRET_SAUDI_POST: whsec('live-post-0000000001'),
  ...Object.fromEntries(
    STEMS.flatMap((stem) => [
      [`INTEGRATION_${stem}_MODE`, 'http'],
      [`INTEGRATION_${stem}_BASE_URL`, `https://${stem.toLowerCase()}.partner.example.sa`],
    ]),
  ),
};

const api = (env: Env) => loadApiProcessConfig(env);
const worker = (env: Env) => loadWorkerProcessConfig(env);

describe('a production start', () => {
  it('starts the API and the worker on settings of their own', () => {
    expect(api(PRODUCTION).deployment).toEqual({
      nodeEnv: 'production',
      production: true,
      allowSandboxPartners: false,
    });
    expect(worker(PRODUCTION).deployment.production).toBe(true);
    expect(startupWarnings(api(PRODUCTION))).toEqual([]);
  });

  // Each published value, set explicitly, and each simulated partner: refused with a message naming its variable.
  it.each<[string, Env, RegExp, Array<'api' | 'worker'>]>([
    [
      'API_PSEUDONYM_KEY',
      { API_PSEUDONYM_KEY: ` ${DEV_PSEUDONYM_KEY} ` },
      /API_PSEUDONYM_KEY is the development value published/,
      ['api'],
    ],
    ...(['sadad', 'wasel', 'print-centre', 'saudi-post'] as const).map(
      (partner): [string, Env, RegExp, Array<'api' | 'worker'>] => {
        const variable = `WEBHOOK_SECRET_${partner.toUpperCase().replace('-', '_')}`;
        return [
          variable,
          { [variable]: DEV_WEBHOOK_SECRETS[partner] },
          new RegExp(`${variable} is the development value published in src/config/webhook-secrets.ts`),
          ['api', 'worker'],
        ];
      },
    ),
    [
      'PAYLOAD_KEYS (the suite’s key)',
      {
        PAYLOAD_KEYS: `live:${Buffer.alloc(32, 1).toString('base64')},old:${TEST_PAYLOAD_ENV.PAYLOAD_KEYS.split(':')[1]}`,
        PAYLOAD_KEY_CURRENT: 'live',
      },
      /PAYLOAD_KEYS lists key "old", the test suite's key published/,
      ['api', 'worker'],
    ],
    [
      'PERSONAL_DATA_KEYS (the development key)',
      {
        PERSONAL_DATA_KEYS: `live:${Buffer.alloc(32, 1).toString('base64')},dev:${developmentPersonalDataKey}`,
        PERSONAL_DATA_KEY_CURRENT: 'live',
      },
      /PERSONAL_DATA_KEYS lists key "dev", the development key published in src\/config\/personal-data-keys\.ts/,
      ['api', 'worker'],
    ],
    ...[TEST_PERSONAL_DATA_KEY_A, TEST_PERSONAL_DATA_KEY_B].map(
      (entry): [string, Env, RegExp, Array<'api' | 'worker'>] => [
        `PERSONAL_DATA_KEYS (the suite’s ${entry.split(':')[0]})`,
        { PERSONAL_DATA_KEYS: ` ${entry} ` },
        new RegExp(`PERSONAL_DATA_KEYS lists key "${entry.split(':')[0]}", the test suite's key published`),
        ['api', 'worker'],
      ],
    ),
    [
      'DATABASE_URL (embedded and cluster password)',
      { DATABASE_URL: 'postgres://postgres:postgres@db.internal:5432/renewals' },
      /DATABASE_URL holds a development password/,
      ['api', 'worker'],
    ],
    [
      'DATABASE_URL (compose’s old default)',
      { DATABASE_URL: 'postgres://renewals:renewals@postgresql:5432/renewals' },
      /DATABASE_URL holds a development password/,
      ['api', 'worker'],
    ],
    ...STEMS.map((stem): [string, Env, RegExp, Array<'api' | 'worker'>] => [
      `INTEGRATION_${stem}_MODE=sandbox`,
      { [`INTEGRATION_${stem}_MODE`]: 'sandbox' },
      new RegExp(
        `INTEGRATION_${stem}_MODE is "sandbox", a simulated partner: set INTEGRATION_${stem}_MODE=http and ` +
          `INTEGRATION_${stem}_BASE_URL, or ALLOW_SANDBOX_PARTNERS=true for a staging stack`,
      ),
      ['api', 'worker'],
    ]),
    ...['TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH'].map(
      (variable): [string, Env, RegExp, Array<'api' | 'worker'>] => [
        `${variable} unset (plaintext to Temporal)`,
        {
          TEMPORAL_TLS_CLIENT_CERT_PATH: undefined,
          TEMPORAL_TLS_CLIENT_KEY_PATH: undefined,
          TEMPORAL_TLS_SERVER_CA_CERT_PATH: undefined,
        },
        new RegExp(`${variable} is unset: production reaches Temporal over mutual TLS only`),
        ['api', 'worker'],
      ],
    ),
    [
      'INTEGRATION_SMS_MODE unset',
      { INTEGRATION_SMS_MODE: undefined },
      /INTEGRATION_SMS_MODE is "sandbox" \(the default when unset\), a simulated partner/,
      ['api', 'worker'],
    ],
  ])('refuses %s', (_name, change, message, processes) => {
    const env = { ...PRODUCTION, ...change };
    for (const [name, load] of [
      ['api', api],
      ['worker', worker],
    ] as const) {
      if (processes.includes(name)) expect(() => load(env)).toThrow(message);
      else expect(() => load(env)).not.toThrow();
    }
    // The same settings outside production are development, where they are the defaults.
    expect(() => api({ ...env, NODE_ENV: 'development' })).not.toThrow();
  });

  it('refuses a published personal-data key to the migration and the key rotation too, which read no other secret', () => {
    const env = { ...PRODUCTION, PERSONAL_DATA_KEYS: TEST_PERSONAL_DATA_KEY_B, API_PSEUDONYM_KEY: DEV_PSEUDONYM_KEY };
    for (const load of [loadMigratorProcessConfig, loadKeyRotationProcessConfig]) {
      expect(() => load(env)).toThrow(
        /^NODE_ENV=production refuses to start with:\n {2}- PERSONAL_DATA_KEYS lists key "test-only-pd-b"[^\n]*$/,
      );
      expect(load(PRODUCTION).personalDataKeys.currentKeyId).toBe('2026-q1');
    }
  });

  it('names every refused setting at once', () => {
    const env = { ...PRODUCTION, API_PSEUDONYM_KEY: DEV_PSEUDONYM_KEY, INTEGRATION_WASEL_MODE: 'sandbox' };
    expect(() => api(env)).toThrow(
      /^NODE_ENV=production refuses to start with:\n {2}- API_PSEUDONYM_KEY .*\n {2}- INTEGRATION_WASEL_MODE .*$/,
    );
  });

  it('refuses a bare production environment by the variables it must set', () => {
    // Unset secrets were refused before this table existed; the table adds the partners left on their default.
    expect(() => api({ NODE_ENV: 'production' })).toThrow(/must be set in production/);
    expect(() => worker({ ...PRODUCTION, PAYLOAD_KEYS: '' })).toThrow(/PAYLOAD_KEYS must be set in production/);
  });

  it('lets a staging stack run simulated partners when it says so, and warns at every start', () => {
    const staging = { ...PRODUCTION, INTEGRATION_SADAD_MODE: 'sandbox', INTEGRATION_SMS_MODE: undefined };
    expect(() => api(staging)).toThrow(/INTEGRATION_SADAD_MODE/);
    const allowed = { ...staging, ALLOW_SANDBOX_PARTNERS: 'true' };
    for (const config of [api(allowed), worker(allowed)]) {
      expect(config.deployment.allowSandboxPartners).toBe(true);
      expect(startupWarnings(config)).toEqual([
        expect.stringMatching(/^ALLOW_SANDBOX_PARTNERS=true under NODE_ENV=production: .* here: sadad, sms\. Never/),
      ]);
    }
    // Over HTTP (the simulator as a service of its own) the flag still declares a staging stack, and says so.
    expect(startupWarnings(api({ ...PRODUCTION, ALLOW_SANDBOX_PARTNERS: 'true' }))).toEqual([
      expect.stringMatching(/^ALLOW_SANDBOX_PARTNERS=true under NODE_ENV=production: a staging stack/),
    ]);
    // The flag lifts nothing else: a published secret is still refused.
    expect(() => api({ ...allowed, API_PSEUDONYM_KEY: DEV_PSEUDONYM_KEY })).toThrow(/API_PSEUDONYM_KEY/);
    expect(() => api({ ...allowed, ALLOW_SANDBOX_PARTNERS: 'yes' })).toThrow(
      'Environment variable ALLOW_SANDBOX_PARTNERS must be true or false, got "yes"',
    );
  });

  it.each(['prod', 'Production', 'staging', 'dev'])('refuses NODE_ENV=%s, naming the values it takes', (value) => {
    const message = `Environment variable NODE_ENV must be one of production, development, test, got "${value}"`;
    for (const load of [api, worker, loadEmbeddedProcessConfig]) {
      expect(() => load({ ...PRODUCTION, NODE_ENV: value })).toThrow(message);
    }
  });

  it('takes the three it knows, development when unset', () => {
    expect(api({}).deployment.nodeEnv).toBe('development');
    expect(api({ NODE_ENV: 'test' }).deployment).toEqual({
      nodeEnv: 'test',
      production: false,
      allowSandboxPartners: false,
    });
    expect(api({ NODE_ENV: 'development' }).deployment.production).toBe(false);
  });

  it('has one entry per variable', () => {
    const variables = PRODUCTION_REFUSALS.map((refusal) => refusal.variable);
    expect(new Set(variables).size).toBe(variables.length);
  });
});
