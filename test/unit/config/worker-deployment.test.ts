import { loadWorkerProcessConfig } from '../../../src/config/processes';
import { loadWorkerDeploymentConfig } from '../../../src/config/worker-deployment';
import { workerDeploymentOptionsOf } from '../../../src/worker/versioning';

/** Worker Versioning: a worker serves the version its build names, and production refuses one that names none. */
describe('worker deployment', () => {
  it('leaves a worker unversioned when no build is named (npm start, the tests)', () => {
    const config = loadWorkerDeploymentConfig({});
    expect(config).toEqual({ deploymentName: 'passport-renewal', buildId: undefined });
    expect(workerDeploymentOptionsOf(config)).toEqual({});
  });

  it('hands the SDK the version, with PINNED for a workflow type that declares no behaviour of its own', () => {
    const config = loadWorkerDeploymentConfig({ TEMPORAL_BUILD_ID: '2c23bec', TEMPORAL_DEPLOYMENT_NAME: 'renewals' });
    expect(workerDeploymentOptionsOf(config)).toEqual({
      workerDeploymentOptions: {
        useWorkerVersioning: true,
        version: { deploymentName: 'renewals', buildId: '2c23bec' },
        defaultVersioningBehavior: 'PINNED',
      },
    });
  });

  it.each([
    ['TEMPORAL_DEPLOYMENT_NAME', 'passport.renewal'],
    ['TEMPORAL_DEPLOYMENT_NAME', 'renewals service'],
    ['TEMPORAL_BUILD_ID', 'abc/def'],
    ['TEMPORAL_BUILD_ID', 'x'.repeat(101)],
  ])('refuses %s=%s, which the server could not name a version with', (name, value) => {
    expect(() => loadWorkerDeploymentConfig({ [name]: value })).toThrow(name);
  });

  it('refuses a production worker without a build id, by name', () => {
    const production = {
      NODE_ENV: 'production',
      ALLOW_SANDBOX_PARTNERS: 'true',
      PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      PERSONAL_DATA_KEYS: `pd1:${Buffer.alloc(32, 8).toString('base64')}`,
      TEMPORAL_TLS_CLIENT_CERT_PATH: '/tls/passport-worker.pem',
      TEMPORAL_TLS_CLIENT_KEY_PATH: '/tls/passport-worker.key',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/tls/clients-ca.pem',
    };
    expect(() => loadWorkerProcessConfig(production)).toThrow(/TEMPORAL_BUILD_ID must be set in production/);
    expect(loadWorkerProcessConfig({ ...production, TEMPORAL_BUILD_ID: '2c23bec' }).workerDeployment.buildId).toBe(
      '2c23bec',
    );
  });
});
