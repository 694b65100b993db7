import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../src/worker/worker';
import { RENEWAL_WORKFLOW_TYPE } from '../../workflows/contract';

/**
 * The replay gate (`npm run deploy:check`): before a build is made the current version, the renewals it will take
 * over are replayed against its workflow code. passportRenewal auto-upgrades (workflows/renewal.workflow.ts), so
 * every running renewal moves to the new build at its next task, and one that the new code cannot replay would
 * stall there; recent closed ones stand for the paths running ones are still on. The maintenance workflows are
 * PINNED and never move: they are not checked.
 */
export interface ReplayGateOptions {
  /** Lists the renewals and downloads their histories, which come as the server keeps them: encrypted. */
  client: Client;
  /** The product's data converter, with the payload keys the workers read: it decrypts the histories to replay. */
  dataConverter: DataConverter;
  /**
   * The new build's workflows: a prebuilt bundle's code, or bundled here as the worker bundles them (the failure
   * converter beside them) from `workflowsPath` (the product's `workflows/`), with the workflow interceptor modules
   * the worker will run (a traced worker's: its interceptors order an update's commands differently, so a traced
   * build and an untraced one do not continue each other's renewals alike).
   */
  workflows: { bundlePath: string } | { workflowsPath: string; interceptorModules?: string[] };
  /** Closed renewals this recent are replayed too; running ones always are. */
  closedSince: Date;
  /** At most this many histories, running ones first, then the most recently closed. */
  limit: number;
  /** Only renewals on this task queue (a namespace may hold several stacks'). */
  taskQueue?: string;
  log?: (line: string) => void;
}

export interface ReplayGateResult {
  replayed: number;
  running: number;
  closed: number;
  /** The first renewal the build cannot replay, and why. */
  failure?: { workflowId: string; message: string };
}

/** The renewals to replay, as a visibility query (the same on the dev server's and the cluster's SQL visibility). */
export function renewalsQuery(status: 'running' | 'closed', closedSince: Date, taskQueue?: string): string {
  const clauses = [`WorkflowType = '${RENEWAL_WORKFLOW_TYPE}'`];
  if (taskQueue) clauses.push(`TaskQueue = '${taskQueue.replace(/'/g, "''")}'`);
  clauses.push(status === 'running' ? `ExecutionStatus = 'Running'` : `CloseTime >= '${closedSince.toISOString()}'`);
  return clauses.join(' AND ');
}

async function replayOptions(workflows: ReplayGateOptions['workflows']) {
  if ('bundlePath' in workflows) return { workflowBundle: { codePath: workflows.bundlePath } };
  const bundle = await bundleWorkflowCode({
    ...WORKFLOW_BUNDLE_OPTIONS,
    workflowsPath: workflows.workflowsPath,
    workflowInterceptorModules: workflows.interceptorModules,
    logger: new DefaultLogger('WARN'),
  });
  return { workflowBundle: bundle };
}

export async function runReplayGate(options: ReplayGateOptions): Promise<ReplayGateResult> {
  const { client, limit, log = () => undefined } = options;
  const result: ReplayGateResult = { replayed: 0, running: 0, closed: 0 };
  const workerOptions = { ...(await replayOptions(options.workflows)), dataConverter: options.dataConverter };
  for (const status of ['running', 'closed'] as const) {
    const left = limit - result.replayed;
    if (left <= 0 || result.failure) break;
    const query = renewalsQuery(status, options.closedSince, options.taskQueue);
    log(`Replaying ${status} renewals: ${query}`);
    const listed = client.workflow.list({ query, pageSize: Math.min(left, 100) });
    const histories = (async function* () {
      let taken = 0;
      for await (const entry of listed.intoHistories({ concurrency: 4 })) {
        yield entry;
        if (++taken >= left) return;
      }
    })();
    for await (const replay of Worker.runReplayHistories(workerOptions, histories)) {
      result.replayed += 1;
      result[status] += 1;
      if (replay.error) {
        result.failure = { workflowId: replay.workflowId, message: replay.error.message };
        break;
      }
    }
  }
  return result;
}
