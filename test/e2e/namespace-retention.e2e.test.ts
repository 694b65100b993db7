import { Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { loadNamespaceRetentionMs } from '../../dev/infra/namespace-retention';
import { loadHousekeepingConfig } from '../../src/config/housekeeping';
import { suiteConnectionOptions } from '../support/temporal-test-env';

const DAY_MS = 86_400_000;

/**
 * The namespace keeps closed histories for TEMPORAL_NAMESPACE_RETENTION, set explicitly wherever a Temporal is
 * started: here the suite's dev server (or, under `npm run test:cluster`, the cluster's registration), which
 * would otherwise keep them for its own default.
 */
describe('Temporal namespace retention', () => {
  it('is 30 days on the namespace the suite runs on, as set, and shorter than the read model keeps personal data', async () => {
    // On the cluster, over the suite's client certificate (describing a namespace is a read it is allowed).
    const connection = await Connection.connect(suiteConnectionOptions());
    try {
      const { config } = await connection.workflowService.describeNamespace({
        namespace: process.env.TEMPORAL_NAMESPACE || 'default',
      });
      const retentionMs = Number(tsToMs(config!.workflowExecutionRetentionTtl!));
      expect(retentionMs / DAY_MS).toBe(30);
      expect(retentionMs).toBe(loadNamespaceRetentionMs({}));
      // A closed history (the national ID encrypted in partner-call inputs) is gone before the read model erases.
      expect(retentionMs).toBeLessThan(loadHousekeepingConfig({}).retention.personalDataMs!);
    } finally {
      await connection.close();
    }
  });

  it('reads TEMPORAL_NAMESPACE_RETENTION as the CLI writes it, and refuses less than a day', () => {
    expect(loadNamespaceRetentionMs({ TEMPORAL_NAMESPACE_RETENTION: '168h' })).toBe(7 * DAY_MS);
    expect(loadNamespaceRetentionMs({ TEMPORAL_NAMESPACE_RETENTION: '14 days' })).toBe(14 * DAY_MS);
    expect(() => loadNamespaceRetentionMs({ TEMPORAL_NAMESPACE_RETENTION: '12h' })).toThrow(
      'TEMPORAL_NAMESPACE_RETENTION must be a duration of at least a day, such as "720h" (30 days), got "12h"',
    );
  });
});
