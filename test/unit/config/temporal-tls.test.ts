import { loadTemporalConfig } from '../../../src/config/temporal';

const FILES = {
  TEMPORAL_TLS_CLIENT_CERT_PATH: '/tls/passport-api.pem',
  TEMPORAL_TLS_CLIENT_KEY_PATH: '/tls/passport-api.key',
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/tls/clients-ca.pem',
};

/**
 * Mutual TLS to Temporal, from the Temporal CLI's own variables: all three files or none (production refuses none:
 * test/unit/config/production-refusals.test.ts).
 */
describe('Temporal TLS configuration', () => {
  it('takes the certificate, key and CA, with the server name temporal-frontend unless told', () => {
    expect(loadTemporalConfig({ TEMPORAL_ADDRESS: 'temporal:7233', ...FILES }).tls).toEqual({
      certPath: '/tls/passport-api.pem',
      keyPath: '/tls/passport-api.key',
      caPath: '/tls/clients-ca.pem',
      serverName: 'temporal-frontend',
    });
    expect(loadTemporalConfig({ ...FILES, TEMPORAL_TLS_SERVER_NAME: 'temporal.example.sa' }).tls?.serverName).toBe(
      'temporal.example.sa',
    );
  });

  it('is plaintext without them outside production (the embedded dev server on the loopback interface)', () => {
    expect(loadTemporalConfig({}).tls).toBeUndefined();
  });

  it('refuses some of the files without the others', () => {
    expect(() => loadTemporalConfig({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/tls/a.pem' })).toThrow(
      'Set all of TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH, TEMPORAL_TLS_SERVER_CA_CERT_PATH, or none',
    );
  });
});
