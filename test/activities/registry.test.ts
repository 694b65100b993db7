import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createRegistryActivities } from '../../activities/registry';
import type { CivilRegistry } from '../../src/integrations/civil-registry/port';
import { TransientIntegrationError } from '../../src/integrations/errors';
import type { PrintJobsRepository } from '../../src/persistence/repositories/print-jobs.repository';
import { createTimeSkippingEnvironment } from '../support/temporal-test-env';
import { testDataConverter } from '../support/payload-keys';

/** A registry whose calls fail, transiently, as often as the scenario says; it counts every call that succeeded. */
class FlakyRegistry {
  readonly calls: string[] = [];
  readonly failures = new Map<string, number>();

  port(): CivilRegistry {
    const call = (operation: string) => async () => {
      const left = this.failures.get(operation) ?? 0;
      if (left > 0) {
        this.failures.set(operation, left - 1);
        throw new TransientIntegrationError('civil-registry', operation, 'HTTP 503');
      }
      this.calls.push(operation);
    };
    return { activatePassport: call('activatePassport'), cancelPassport: call('cancelPassport') } as never;
  }
}

/**
 * Activation makes two registry calls (the new passport valid, the old one cancelled). A retry after the second
 * failed does not make the first again: the step done travels to the next attempt as heartbeat details, through
 * a real Temporal server, so each attempt only needs the calls still to be made.
 */
describe('activateNewPassport across attempts', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
    workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./support/activation.workflow'),
      logger: new DefaultLogger('WARN'),
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  async function activate(registry: FlakyRegistry, oldPassportNumber?: string): Promise<void> {
    const taskQueue = `activation-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle,
      dataConverter: testDataConverter(),
      activities: createRegistryActivities(registry.port(), {} as PrintJobsRepository),
    });
    await worker.runUntil(
      env.client.workflow.execute('activationOnly', {
        taskQueue,
        workflowId: `activation-${randomUUID()}`,
        args: [{ renewalId: 'R1', newPassportNumber: 'X20000001', oldPassportNumber }],
      }),
    );
  }

  it('the old passport failing to cancel twice does not activate the new one three times', async () => {
    const registry = new FlakyRegistry();
    registry.failures.set('cancelPassport', 2);
    await activate(registry, 'C1000001');
    expect(registry.calls).toEqual(['activatePassport', 'cancelPassport']);
  });

  it('a failed activation is retried until it succeeds, then the old passport is cancelled once', async () => {
    const registry = new FlakyRegistry();
    registry.failures.set('activatePassport', 2);
    registry.failures.set('cancelPassport', 1);
    await activate(registry, 'C1000002');
    expect(registry.calls).toEqual(['activatePassport', 'cancelPassport']);
  });

  it('with no old passport on record, activation is the only call', async () => {
    const registry = new FlakyRegistry();
    await activate(registry);
    expect(registry.calls).toEqual(['activatePassport']);
  });
});
