import { Client, Connection } from '@temporalio/client';
import { runReplayGate } from '../../../../dev/tools/replay-gate';
import { TRACING_WORKFLOW_INTERCEPTOR_MODULES } from '../../../../src/worker/tracing';
import { WORKFLOWS_PATH } from '../../../../src/worker/worker';
import { testDataConverter } from '../../../support/payload-keys';
import { installQuietRuntime, requireEnv, suiteConnectionOptions } from '../../../support/temporal-test-env';

/**
 * The replay gate in CI (`npm run test:cluster`, after the cluster's e2e and API tests, by jest.cluster-gate.config.js):
 * every renewal those tests left on the cluster, running or closed, downloaded through the codec and replayed on this
 * build, as `npm run deploy:check` does before a deployment. A change that would stall a running renewal fails here.
 */
describe('deploy:check against the test cluster', () => {
  it('replays every renewal the e2e suite left on the cluster', async () => {
    installQuietRuntime();
    const connection = await Connection.connect({
      ...suiteConnectionOptions(),
      address: requireEnv('TEST_TEMPORAL_ADDRESS'),
    });
    try {
      const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
      const started = Date.now();
      const result = await runReplayGate({
        client,
        dataConverter: testDataConverter(),
        // Traced: the suite's tracing e2e runs a traced worker, whose renewals an untraced build does not continue
        // (its interceptors order an update's commands differently); a traced build continues both kinds.
        workflows: { workflowsPath: WORKFLOWS_PATH, interceptorModules: TRACING_WORKFLOW_INTERCEPTOR_MODULES },
        closedSince: new Date(Date.now() - 24 * 3600_000),
        limit: 2_000,
      });
      console.log(`deploy:check on the cluster: ${JSON.stringify(result)} in ${Date.now() - started} ms`);
      expect(result.failure).toBeUndefined();
      expect(result.replayed).toBeGreaterThan(10);
    } finally {
      await connection.close();
    }
  }, 600_000);
});
