import { loadSandboxConfig } from '../../../dev/sandboxes/config';
import { DEV_WEBHOOK_SECRETS } from '../../../src/config/webhook-secrets';

/** The partner simulator's settings: read by whatever starts the sandboxes, never by the product. */
describe('sandbox configuration', () => {
  it('runs every sandbox without faults, on the development secrets, by default', () => {
    const config = loadSandboxConfig({});
    for (const faults of Object.values(config.faults)) {
      expect(faults).toEqual({ errorRate: 0, timeoutRate: 0, permanentErrorRate: 0, latencyMs: 0 });
    }
    expect(config).toMatchObject({ httpPort: 3100, httpHost: '127.0.0.1', databasePoolSize: 10 });
    expect(config.webhooks).toMatchObject({ baseUrl: 'http://127.0.0.1:3000', secrets: DEV_WEBHOOK_SECRETS });
    expect(config.saudiPost).toEqual({
      stepDelayMs: 5_000,
      lossProbability: 0,
      failedAttemptProbability: 0,
      maxDeliveryAttempts: 3,
    });
  });

  it('reads its database, fault injection and the carrier clock from the environment', () => {
    const config = loadSandboxConfig({
      DATABASE_URL: 'postgres://renewals@db/renewals',
      SANDBOX_DATABASE_POOL_SIZE: '3',
      SANDBOX_HTTP_PORT: '3170',
      SANDBOX_SAUDI_POST_ERROR_RATE: '0.3',
      SANDBOX_SAUDI_POST_TIMEOUT_RATE: '0.1',
      SANDBOX_SAUDI_POST_LATENCY_MS: '250',
      SANDBOX_SAUDI_POST_LOSS_PROBABILITY: '1',
      SANDBOX_SAUDI_POST_FAILED_ATTEMPT_PROBABILITY: '0.5',
      SANDBOX_SAUDI_POST_STEP_DELAY_MS: '1000',
      SANDBOX_SEED: '42',
      PORT: '8080',
    });
    expect(config.faults.saudiPost).toEqual({
      errorRate: 0.3,
      timeoutRate: 0.1,
      permanentErrorRate: 0,
      latencyMs: 250,
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://renewals@db/renewals',
      databasePoolSize: 3,
      httpPort: 3170,
      seed: 42,
      saudiPost: { lossProbability: 1, failedAttemptProbability: 0.5, stepDelayMs: 1000 },
      webhooks: { baseUrl: 'http://127.0.0.1:8080' },
    });
  });

  it.each([
    [{ SANDBOX_SMS_ERROR_RATE: '1.5' }, /SANDBOX_SMS_ERROR_RATE must be a number from 0 to 1/],
    [{ SANDBOX_SMS_ERROR_RATE: '0.6', SANDBOX_SMS_TIMEOUT_RATE: '0.6' }, /must add up to at most 1/],
    [{ WEBHOOK_SECRET_SADAD: 'plain-secret' }, /WEBHOOK_SECRET_SADAD must be whsec_<base64>/],
    [{ NODE_ENV: 'production' }, /must not sign with development secrets in production/],
  ])('refuses %j', (env, message) => {
    expect(() => loadSandboxConfig(env)).toThrow(message);
  });

  it('signs with the webhook secrets the API verifies with', () => {
    const secret = 'whsec_cHJvZHVjdGlvbi1zYWRhZC1zZWNyZXQ=';
    expect(loadSandboxConfig({ WEBHOOK_SECRET_PRINT_CENTRE: secret }).webhooks.secrets).toEqual({
      ...DEV_WEBHOOK_SECRETS,
      'print-centre': secret,
    });
  });
});
