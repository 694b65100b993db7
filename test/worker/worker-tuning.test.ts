import { randomUUID } from 'node:crypto';
import { partnerHttpEnv } from '../../dev/sandboxes/http/server';
import { requireDatabaseUrl } from '../../src/config/database';
import { openDataSource } from '../../src/persistence/data-source';
import { createRenewalWorker } from '../../src/worker/worker';
import { testConfiguration } from '../support/config';
import { installQuietRuntime } from '../support/temporal-test-env';

/** The worker process runs with the cache, slots, pollers and pool its configuration names. */
describe('worker tuning applied', () => {
  it('builds the SDK worker and its PostgreSQL pool from WORKER_* settings', async () => {
    installQuietRuntime();
    const config = testConfiguration({
      TEMPORAL_TASK_QUEUE: `tuning-${randomUUID()}`,
      WORKER_MAX_CACHED_WORKFLOWS: '123',
      WORKER_WORKFLOW_TASK_SLOTS: '12',
      WORKER_ACTIVITY_SLOTS: '34',
      WORKER_LOCAL_ACTIVITY_SLOTS: '56',
      WORKER_WORKFLOW_TASK_POLLERS: '3',
      WORKER_ACTIVITY_TASK_POLLERS: '4',
      WORKER_DATABASE_POOL_SIZE: '5',
      // The product's own adapters, as the worker process builds them; nothing here calls a partner.
      ...partnerHttpEnv('http://127.0.0.1:9'),
    });
    const db = await openDataSource(requireDatabaseUrl(config.databaseUrl), config.worker.databasePoolSize);
    try {
      // The pool `pg` builds for TypeORM's PostgreSQL driver.
      expect((db.driver as unknown as { master: { options: { max: number } } }).master.options.max).toBe(5);
      const worker = await createRenewalWorker(config, db);
      // The SDK turns slot counts into fixed-size slot suppliers.
      expect(worker.options).toMatchObject({
        maxCachedWorkflows: 123,
        tuner: {
          workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 12 },
          activityTaskSlotSupplier: { type: 'fixed-size', numSlots: 34 },
          localActivityTaskSlotSupplier: { type: 'fixed-size', numSlots: 56 },
        },
        maxConcurrentWorkflowTaskPolls: 3,
        maxConcurrentActivityTaskPolls: 4,
      });
      await worker.runUntil(Promise.resolve());
      await worker.options.connection?.close();
    } finally {
      await db.destroy();
    }
  });
});
