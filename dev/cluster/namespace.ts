import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { waitUntil } from '../launcher/readiness';
import { registerSearchAttributes } from '../../src/temporal/search-attribute-registration';
import { RENEWAL_SEARCH_ATTRIBUTES } from '../../workflows/contract';

/** Closed renewals stay visible (UI, list filters) this long, as in docker-compose.yml. */
const RETENTION = '30 days';
/** gRPC status code of a namespace registered before. */
const ALREADY_EXISTS = 6;

/**
 * A fresh cluster has no namespace but the system one: registers the application's, then the
 * renewal's search attributes (SQL visibility maps them onto its custom columns). Both steps are
 * idempotent, so every start runs them.
 */
export async function ensureNamespace(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(RETENTION),
      });
    } catch (error) {
      if (!(isGrpcServiceError(error) && error.code === ALREADY_EXISTS)) throw error;
    }
    // Services learn of a new namespace from their namespace cache, refreshed every few seconds.
    await waitUntil(
      async () => {
        const present = await connection.operatorService.listSearchAttributes({ namespace });
        const missing = RENEWAL_SEARCH_ATTRIBUTES.filter((key) => !(key.name in (present.customAttributes ?? {})));
        if (missing.length > 0) await registerSearchAttributes(connection.operatorService, namespace);
        return missing.length === 0;
      },
      { what: `namespace ${namespace} with the renewal search attributes`, timeoutMs: 60_000, intervalMs: 1_000 },
    );
  } finally {
    await connection.close();
  }
}
