import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { acceptTermsUpdate, RENEWAL_WORKFLOW_TYPE, renewalWorkflowId, statusQuery } from '../../workflows/contract';
import { FakePartners } from '../support/fake-partners';
import { testDataConverter } from '../support/payload-keys';
import { PICKUP_ACCEPTANCE } from '../support/renewal-driver';
import { installQuietRuntime, requireEnv, suiteConnectionOptions } from '../support/temporal-test-env';

/**
 * The time-skipping test server records a workflow task even for an update its
 * validator refuses; a real Temporal server does not. This is shown here, on the
 * suite's dev server: a refused acceptance leaves the history exactly as it was.
 */
describe('acceptance validator on a real Temporal server', () => {
  it('a refused acceptance (missing pledge) adds no event to the history', async () => {
    installQuietRuntime();
    const connection = await Connection.connect(suiteConnectionOptions());
    const client = new Client({ connection, dataConverter: testDataConverter() });
    const nativeConnection = await NativeConnection.connect(suiteConnectionOptions());
    const taskQueue = `validator-${randomUUID()}`;
    const fake = new FakePartners();
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: { codePath: requireEnv('WORKFLOW_BUNDLE_PATH') },
      dataConverter: testDataConverter(),
      activities: fake.activities,
    });
    const renewalId = randomUUID();
    try {
      await worker.runUntil(async () => {
        const handle = await client.workflow.start(RENEWAL_WORKFLOW_TYPE, {
          workflowId: renewalWorkflowId(renewalId),
          taskQueue,
          args: [{ renewalId, nationalId: '1058529940', officeId: 'RUH-01', policy: DEFAULT_POLICY }],
        });
        while ((await handle.query(statusQuery)).stage !== 'AWAITING_ACCEPTANCE' || fake.notices.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        const before = (await handle.fetchHistory()).events!.length;

        await expect(
          handle.executeUpdate(acceptTermsUpdate, { args: [{ ...PICKUP_ACCEPTANCE, acceptedPledgeIds: [] }] }),
        ).rejects.toThrow(WorkflowUpdateFailedError);

        expect((await handle.fetchHistory()).events!.length).toBe(before);
        await handle.terminate('test finished');
      });
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });
});
