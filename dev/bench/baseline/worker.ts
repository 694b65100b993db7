import { NativeConnection, Worker } from '@temporalio/worker';
import { bareActivities } from './activities';

export const BARE_TASK_QUEUE = 'bench-bare-renewals';

export interface BareWorker {
  stop(): Promise<void>;
}

/**
 * The baseline's worker, in the bench process, polling its own task queue on
 * the product's Temporal server. SDK defaults throughout, except the settings
 * passed in (the throughput figure gives it the product worker's, so the
 * comparison is of workflows, not of worker tuning).
 */
export async function startBareWorker(
  address: string,
  options: Partial<Parameters<typeof Worker.create>[0]> = {},
): Promise<BareWorker> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue: BARE_TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    activities: bareActivities,
    ...options,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
