import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { applyNamespaceRetention } from '../infra/namespace-retention';
import { waitUntil } from '../launcher/readiness';
import type { TemporalTlsConfig } from '../../src/config/temporal';
import { temporalTls } from '../../src/temporal/connection';
import { registerSearchAttributes } from '../../src/temporal/search-attribute-registration';
import { RENEWAL_SEARCH_ATTRIBUTES } from '../../workflows/contract';

/** gRPC status code of a namespace registered before. */
const ALREADY_EXISTS = 6;

/**
 * A fresh cluster has no namespace but the system one: registers the application's, with its retention
 * (TEMPORAL_NAMESPACE_RETENTION, also applied to a namespace registered before), then the renewal's search
 * attributes (SQL visibility maps them onto its custom columns). Every step is idempotent, so every start runs
 * them.
 */
export async function ensureNamespace(
  address: string,
  namespace: string,
  retentionMs: number,
  tls?: TemporalTlsConfig,
): Promise<void> {
  // An admin's call (the admin certificate, on the cluster): registering a namespace and its search attributes.
  const connection = await Connection.connect({ address, ...(tls ? { tls: temporalTls(tls) } : {}) });
  try {
    try {
      await connection.workflowService.registerNamespace({
        namespace,
        workflowExecutionRetentionPeriod: msToTs(retentionMs),
      });
    } catch (error) {
      if (!(isGrpcServiceError(error) && error.code === ALREADY_EXISTS)) throw error;
      await applyNamespaceRetention(connection, namespace, retentionMs);
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
