import { RENEWAL_TASK_QUEUE } from '../../workflows/contract';
import { type Env, readEnv, text } from './env';

/** Where the Temporal server is, and where renewals run on it (TEMPORAL_*). */
export interface TemporalConfig {
  /** Unset: the embedded launcher starts a Temporal dev server and fills it in. */
  address?: string;
  namespace: string;
  taskQueue: string;
  /** A prebuilt workflow bundle (see `bundleWorkflowCode`); unset, the worker bundles `workflows/` at start. */
  workflowBundlePath?: string;
}

export function loadTemporalConfig(env: Env): TemporalConfig {
  return {
    address: readEnv(env, 'TEMPORAL_ADDRESS', undefined, text, 'text'),
    namespace: readEnv(env, 'TEMPORAL_NAMESPACE', undefined, text, 'text') ?? 'default',
    taskQueue: readEnv(env, 'TEMPORAL_TASK_QUEUE', undefined, text, 'text') ?? RENEWAL_TASK_QUEUE,
    workflowBundlePath: readEnv(env, 'WORKFLOW_BUNDLE_PATH', undefined, text, 'text'),
  };
}

/** The server's address, which every process but the embedded launcher must be given. */
export function requireTemporalAddress(temporal: TemporalConfig): string {
  if (!temporal.address) throw new Error('TEMPORAL_ADDRESS is not set');
  return temporal.address;
}
