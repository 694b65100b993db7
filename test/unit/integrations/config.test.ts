import { loadIntegrationsConfig } from '../../../src/config/integrations';

describe('integrations configuration', () => {
  it('leaves every system on `sandbox` (an adapter the process is handed) by default, and reads nothing of the sandboxes', () => {
    const config = loadIntegrationsConfig({ SANDBOX_SADAD_ERROR_RATE: '0.5', SANDBOX_SEED: '42' });
    expect(Object.keys(config)).toEqual(['systems']);
    for (const system of Object.values(config.systems)) expect(system).toEqual({ mode: 'sandbox' });
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
    expect(config.systems.sadad).toEqual({
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

  it.each([
    [{ INTEGRATION_WASEL_MODE: 'fake' }, /INTEGRATION_WASEL_MODE must be "sandbox" or "http"/],
    [{ INTEGRATION_WASEL_MODE: 'http' }, /INTEGRATION_WASEL_BASE_URL is required/],
    [
      { INTEGRATION_WASEL_MODE: 'http', INTEGRATION_WASEL_BASE_URL: 'ftp://wasel' },
      /INTEGRATION_WASEL_BASE_URL must be an http\(s\) URL/,
    ],
  ])('refuses %j', (env, message) => {
    expect(() => loadIntegrationsConfig(env)).toThrow(message);
  });
});
