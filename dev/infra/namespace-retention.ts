import type { Connection } from '@temporalio/client';
import { msToTs, tsToMs } from '@temporalio/common/lib/time';
import { type Env, readEnv } from '../../src/config/env';
import { duration } from '../../src/config/policy';

const DAY_MS = 86_400_000;

/**
 * How long Temporal keeps a closed renewal's history (TEMPORAL_NAMESPACE_RETENTION), set explicitly on the
 * namespace in every topology: `npm start`'s and the tests' dev server, the cluster's registration
 * (dev/cluster/namespace.ts) and docker-compose.yml's admin-tools one-shot.
 *
 * 30 days by default, because a closed history still holds the citizen's national ID (encrypted with the payload
 * keys, in the inputs of the partner calls), and it must be gone well before the read model erases the same
 * renewal's personal data (HOUSEKEEPING_PERSONAL_DATA_RETENTION, 90 days): Temporal is never the last place a
 * citizen's data outlives its purpose. Thirty days still cover an operator's look at a recently closed renewal in
 * the Temporal UI; what is asked later is answered from the audit trail and the read model. The payload keys
 * that encrypted a history must stay listed for at least this long.
 *
 * Written as Temporal's CLI takes it (`720h`), which this loader reads too (as it does `30 days`); at least a day,
 * Temporal's own minimum.
 */
export const DEFAULT_NAMESPACE_RETENTION = '720h';

export function loadNamespaceRetentionMs(env: Env): number {
  return readEnv(
    env,
    'TEMPORAL_NAMESPACE_RETENTION',
    duration(DEFAULT_NAMESPACE_RETENTION)!,
    (raw) => {
      const ms = duration(raw);
      return ms !== undefined && ms >= DAY_MS ? ms : undefined;
    },
    'a duration of at least a day, such as "720h" (30 days)',
  );
}

/** The namespace's retention as configured, changed only when it differs; answers the retention it now has. */
export async function applyNamespaceRetention(
  connection: Connection,
  namespace: string,
  retentionMs: number,
): Promise<number> {
  const described = await connection.workflowService.describeNamespace({ namespace });
  const current = described.config?.workflowExecutionRetentionTtl;
  if (current && tsToMs(current) === retentionMs) return retentionMs;
  // The server takes the fields of `config` that are set, and keeps the others.
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(retentionMs) },
  });
  return retentionMs;
}
