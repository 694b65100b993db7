import { loadIntegrationsConfig } from '../../../src/config/integrations';
import { DEV_WEBHOOK_SECRETS } from '../../../src/config/webhook-secrets';

describe('integrations configuration', () => {
  it('runs every system on its sandbox, without faults, by default', () => {
    const config = loadIntegrationsConfig({});
    for (const system of Object.values(config.systems)) {
      expect(system).toEqual({
        mode: 'sandbox',
        faults: { errorRate: 0, timeoutRate: 0, permanentErrorRate: 0, latencyMs: 0 },
      });
    }
    expect(config.sandbox.webhooks).toMatchObject({ baseUrl: 'http://127.0.0.1:3000', secrets: DEV_WEBHOOK_SECRETS });
    expect(config.sandbox.saudiPost).toEqual({
      stepDelayMs: 5_000,
      lossProbability: 0,
      failedAttemptProbability: 0,
      maxDeliveryAttempts: 3,
    });
  });

  it('switches a system to its HTTP adapter with base URL, timeout and auth header', () => {
    const config = loadIntegrationsConfig({
      INTEGRATION_SADAD_MODE: 'http',
      INTEGRATION_SADAD_BASE_URL: 'https://sadad.example.sa/api/',
      INTEGRATION_SADAD_TIMEOUT_MS: '2500',
      INTEGRATION_SADAD_AUTH_HEADER: 'X-Api-Key: abc:123',
      INTEGRATION_SMS_MODE: 'http',
      INTEGRATION_SMS_BASE_URL: 'https://sms.example.sa',
      INTEGRATION_SMS_AUTH_HEADER: 'Bearer token-1',
    });
    expect(config.systems.sadad).toMatchObject({
      mode: 'http',
      http: {
        baseUrl: 'https://sadad.example.sa/api',
        timeoutMs: 2500,
        authHeader: { name: 'X-Api-Key', value: 'abc:123' },
      },
    });
    expect(config.systems.sms).toMatchObject({
      http: { timeoutMs: 10_000, authHeader: { name: 'Authorization', value: 'Bearer token-1' } },
    });
    expect(config.systems.wasel.mode).toBe('sandbox');
  });

  it('reads fault injection and the carrier clock from the environment', () => {
    const config = loadIntegrationsConfig({
      SANDBOX_SAUDI_POST_ERROR_RATE: '0.3',
      SANDBOX_SAUDI_POST_TIMEOUT_RATE: '0.1',
      SANDBOX_SAUDI_POST_LATENCY_MS: '250',
      SANDBOX_SAUDI_POST_LOSS_PROBABILITY: '1',
      SANDBOX_SAUDI_POST_FAILED_ATTEMPT_PROBABILITY: '0.5',
      SANDBOX_SAUDI_POST_STEP_DELAY_MS: '1000',
      SANDBOX_SEED: '42',
      PORT: '8080',
    });
    expect(config.systems.saudiPost.faults).toEqual({
      errorRate: 0.3,
      timeoutRate: 0.1,
      permanentErrorRate: 0,
      latencyMs: 250,
    });
    expect(config.sandbox).toMatchObject({
      seed: 42,
      saudiPost: { lossProbability: 1, failedAttemptProbability: 0.5, stepDelayMs: 1000 },
      webhooks: { baseUrl: 'http://127.0.0.1:8080' },
    });
  });

  it.each([
    [{ INTEGRATION_WASEL_MODE: 'fake' }, /INTEGRATION_WASEL_MODE must be "sandbox" or "http"/],
    [{ INTEGRATION_WASEL_MODE: 'http' }, /INTEGRATION_WASEL_BASE_URL is required/],
    [{ SANDBOX_SMS_ERROR_RATE: '1.5' }, /SANDBOX_SMS_ERROR_RATE must be a number from 0 to 1/],
    [{ SANDBOX_SMS_ERROR_RATE: '0.6', SANDBOX_SMS_TIMEOUT_RATE: '0.6' }, /must add up to at most 1/],
    [{ WEBHOOK_SECRET_SADAD: 'plain-secret' }, /WEBHOOK_SECRET_SADAD must be whsec_<base64>/],
    [{ NODE_ENV: 'production' }, /must not sign with development secrets in production/],
  ])('refuses %j', (env, message) => {
    expect(() => loadIntegrationsConfig(env)).toThrow(message);
  });

  it('takes the webhook secrets the API verifies with', () => {
    const secret = 'whsec_cHJvZHVjdGlvbi1zYWRhZC1zZWNyZXQ=';
    expect(loadIntegrationsConfig({ WEBHOOK_SECRET_PRINT_CENTRE: secret }).sandbox.webhooks.secrets).toEqual({
      ...DEV_WEBHOOK_SECRETS,
      'print-centre': secret,
    });
  });
});
