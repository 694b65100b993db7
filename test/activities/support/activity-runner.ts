import { FAILURE_CONVERTER_PATH } from '../../../src/temporal/data-converter';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TransientIntegrationError } from '../../../src/integrations/errors';
import { testDataConverter } from '../../support/payload-keys';
import { createTimeSkippingEnvironment } from '../../support/temporal-test-env';

/**
 * Runs one real activity through a real worker and Temporal server (time-skipping), retried as the server
 * retries it, so a test sees what its attempts carry from one to the next.
 */
export class ActivityRunner {
  private constructor(
    private readonly env: TestWorkflowEnvironment,
    private readonly workflowBundle: WorkflowBundleWithSourceMap,
  ) {}

  static async start(): Promise<ActivityRunner> {
    const env = await createTimeSkippingEnvironment();
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./one-activity.workflow'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    });
    return new ActivityRunner(env, workflowBundle);
  }

  async run(activities: object, name: string, input: unknown): Promise<unknown> {
    const taskQueue = `one-activity-${randomUUID()}`;
    const worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue,
      workflowBundle: this.workflowBundle,
      dataConverter: testDataConverter(),
      activities,
    });
    return worker.runUntil(
      this.env.client.workflow.execute('oneActivity', {
        taskQueue,
        workflowId: `one-activity-${randomUUID()}`,
        args: [name, input],
      }),
    );
  }

  stop(): Promise<void> {
    return this.env.teardown();
  }
}

/** One runner for the test file that calls this: started before its tests, stopped after them. */
export function activityRunnerForSuite(): () => ActivityRunner {
  let runner: ActivityRunner | undefined;
  beforeAll(async () => {
    runner = await ActivityRunner.start();
  });
  afterAll(async () => {
    await runner?.stop();
  });
  return () => runner!;
}

/**
 * A partner whose operations fail transiently (an HTTP 503) as many times as a test says, then succeed;
 * it lists the calls that succeeded, in order.
 */
export class FlakyPartner {
  readonly calls: string[] = [];
  private readonly failures = new Map<string, number>();

  failing(operation: string, times: number): this {
    this.failures.set(operation, times);
    return this;
  }

  /** `answer` stands for the partner's work; its result is what the call returns. */
  call<T>(system: string, operation: string, answer: () => T): () => Promise<T> {
    return async () => {
      const left = this.failures.get(operation) ?? 0;
      if (left > 0) {
        this.failures.set(operation, left - 1);
        throw new TransientIntegrationError(system, operation, 'HTTP 503');
      }
      this.calls.push(operation);
      return answer();
    };
  }
}
