import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { SEEDED } from '../../dev/sandboxes/seed-people';
import { describeDeployment, makeCurrentVersion } from '../../dev/cluster/worker-deployment';
import { renewalWorkflowId } from '../../workflows/contract';
import { seedPerson } from '../support/fixtures';
import { sandboxJourneys } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';

/**
 * Worker Versioning on the suite's dev server (server 1.32): a worker with a build id serves that version of its
 * deployment once it is current, and a renewal declares itself AUTO_UPGRADE (workflows/renewal.workflow.ts).
 */
describe('a versioned worker', () => {
  let stack: SandboxStack;
  const version = { deploymentName: `renewals-${randomUUID().slice(0, 8)}`, buildId: 'build-a' };

  beforeAll(async () => {
    stack = await startStack({
      sandboxes: true,
      env: { TEMPORAL_DEPLOYMENT_NAME: version.deploymentName, TEMPORAL_BUILD_ID: version.buildId },
    });
  }, 60_000);

  afterAll(() => stack?.stop());

  it('serves renewals once its version is current, each of them AUTO_UPGRADE on that version', async () => {
    const service = stack.temporal.connection.workflowService;
    await makeCurrentVersion(service, 'default', version);
    expect(await describeDeployment(service, 'default', version.deploymentName)).toEqual({
      current: 'build-a',
      versions: [{ buildId: 'build-a', status: 'CURRENT', drainage: undefined }],
    });

    const renewalId = await sandboxJourneys(stack).pickupRenewal(seedPerson(SEEDED.validPassport));
    const { workflowExecutionInfo } = await service.describeWorkflowExecution({
      namespace: 'default',
      execution: { workflowId: renewalWorkflowId(renewalId) },
    });
    const info = workflowExecutionInfo!.versioningInfo!;
    expect(info.behavior).toBe(temporal.api.enums.v1.VersioningBehavior.VERSIONING_BEHAVIOR_AUTO_UPGRADE);
    expect(info.deploymentVersion).toMatchObject(version);
    expect(workflowExecutionInfo!.status).toBe(
      temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED,
    );
  }, 120_000);
});
