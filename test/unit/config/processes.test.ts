import {
  loadApiProcessConfig,
  loadEmbeddedProcessConfig,
  loadWorkerProcessConfig,
} from '../../../src/config/processes';

/** Each process reads the environment once into one object holding the slices it uses, and no more. */
describe('process configuration', () => {
  const env = {
    DATABASE_URL: 'postgres://renewals@db/renewals',
    TEMPORAL_ADDRESS: 'temporal:7233',
    API_RATE_LIMIT_CITIZEN: '7',
    INTEGRATION_SADAD_MODE: 'http',
    INTEGRATION_SADAD_BASE_URL: 'https://sadad.example.sa/api/',
    POLICY_FEE_10_YEARS_SAR: '650',
  };

  it('gives the whole system (npm start) every part, read from the one environment it is given', () => {
    const config = loadEmbeddedProcessConfig(env);
    expect(config).toMatchObject({
      databaseUrl: env.DATABASE_URL,
      temporal: { address: 'temporal:7233', namespace: 'default' },
      api: { rateLimit: { citizenLimit: 7 } },
      integrations: { systems: { sadad: { mode: 'http', http: { baseUrl: 'https://sadad.example.sa/api' } } } },
      policy: { fees: { tenYearsSar: 650 } },
    });
    // The API's slices and the worker's, each loaded the same way (the embedded servers' are the harness's).
    expect(config).toEqual({ ...loadApiProcessConfig(env), ...loadWorkerProcessConfig(env) });
  });

  it('gives the API the slices it uses and not the worker’s', () => {
    const api = loadApiProcessConfig(env);
    expect(Object.keys(api).sort()).toEqual([
      'adminListener',
      'api',
      'codecServer',
      'databaseUrl',
      'deployment',
      'httpPort',
      'integrations',
      'oidc',
      'pages',
      'payloadKeys',
      'personalDataKeys',
      'policy',
      'telemetry',
      'temporal',
    ]);
    // A worker setting the API never reads cannot stop it from starting; the worker refuses it.
    const badWorkerSetting = { ...env, WORKER_WORKFLOW_TASK_SLOTS: 'many' };
    expect(() => loadApiProcessConfig(badWorkerSetting)).not.toThrow();
    expect(() => loadWorkerProcessConfig(badWorkerSetting)).toThrow(/WORKER_WORKFLOW_TASK_SLOTS/);
  });

  it('lets a production worker start without the API secrets it never uses', () => {
    const production = {
      ...env,
      NODE_ENV: 'production',
      TEMPORAL_BUILD_ID: '2c23bec',
      PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      PERSONAL_DATA_KEYS: `pd1:${Buffer.alloc(32, 8).toString('base64')}`,
      TEMPORAL_TLS_CLIENT_CERT_PATH: '/tls/passport-worker.pem',
      TEMPORAL_TLS_CLIENT_KEY_PATH: '/tls/passport-worker.key',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/tls/clients-ca.pem',
    };
    for (const stem of ['CIVIL_REGISTRY', 'PRINT_CENTRE', 'WASEL', 'SAUDI_POST', 'SMS']) {
      Object.assign(production, {
        [`INTEGRATION_${stem}_MODE`]: 'http',
        [`INTEGRATION_${stem}_BASE_URL`]: `https://${stem.toLowerCase()}.example.sa`,
      });
    }
    const worker = loadWorkerProcessConfig(production);
    expect(worker).not.toHaveProperty('api');
    expect(worker).not.toHaveProperty('httpPort');
    expect(worker.integrations.systems.sms.mode).toBe('http');
    expect(() => loadApiProcessConfig(production)).toThrow(/API_PSEUDONYM_KEY must be set in production/);
  });

  it('names the variable at fault', () => {
    expect(() => loadEmbeddedProcessConfig({ ...env, POLICY_FEE_10_YEARS_SAR: 'lots' })).toThrow(
      /POLICY_FEE_10_YEARS_SAR/,
    );
  });
});
