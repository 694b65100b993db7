import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { openSandboxDataSource } from '../../dev/sandboxes/database';
import { createSandboxes } from '../../dev/sandboxes/sandboxes';
import { requireDatabaseUrl } from '../../src/config/database';
import { openDataSource } from '../../src/persistence/data-source';
import { connectTemporalClient } from '../../src/temporal/connection';
import { ensureHousekeepingSchedule } from '../../src/temporal/housekeeping-schedule';
import { startRenewalWorker } from '../../src/worker/worker';
import { HOUSEKEEPING_WORKFLOW_TYPE, housekeepingScheduleId } from '../../workflows/contract';
import { testConfiguration, testSandboxConfig } from '../support/config';
import { testDataConverter } from '../support/payload-keys';
import { eventually } from '../support/eventually';
import { installQuietRuntime } from '../support/temporal-test-env';

/**
 * The housekeeping Temporal Schedule against the dev server (the time-skipping
 * server has no schedules): the worker's start-up keeps exactly one in place,
 * and a run deletes, in bounded batches, only what is past its retention.
 */
describe('housekeeping on a Temporal Schedule', () => {
  // A task queue of its own: its own schedule, and a worker no other test file shares.
  const taskQueue = `housekeeping-${randomUUID()}`;
  const config = testConfiguration({
    TEMPORAL_TASK_QUEUE: taskQueue,
    HOUSEKEEPING_EVERY: '1 hour',
    HOUSEKEEPING_IDEMPOTENCY_KEY_RETENTION: '1 day',
    HOUSEKEEPING_WEBHOOK_RECEIPT_RETENTION: '2 days',
    HOUSEKEEPING_BATCH_SIZE: '2',
  });
  let db: DataSource;
  let sandboxDb: DataSource;
  let client: Client;
  /** The worker as npm start runs it, handed the partner simulator's adapters. */
  const startWorker = () => startRenewalWorker(config, db, {}, createSandboxes(testSandboxConfig(), sandboxDb));

  beforeAll(async () => {
    installQuietRuntime();
    db = await openDataSource(requireDatabaseUrl(config.databaseUrl));
    sandboxDb = await openSandboxDataSource(requireDatabaseUrl(config.databaseUrl), 2);
    client = await connectTemporalClient(config.temporal, testDataConverter());
  });

  afterAll(async () => {
    await client?.schedule.getHandle(housekeepingScheduleId(taskQueue)).delete();
    await client?.connection.close();
    await db?.destroy();
    await sandboxDb?.destroy();
  });

  it('worker start-up twice leaves one schedule, updated only when its settings change', async () => {
    await (await startWorker()).shutdown();
    const handle = client.schedule.getHandle(housekeepingScheduleId(taskQueue));
    const created = await handle.describe();
    await (await startWorker()).shutdown();
    const again = await handle.describe();
    expect(again.info.createdAt).toEqual(created.info.createdAt);
    expect(again.info.lastUpdatedAt).toEqual(created.info.lastUpdatedAt);
    expect(again.spec.intervals).toMatchObject([{ every: 3_600_000 }]);
    expect(again.action).toMatchObject({
      workflowType: HOUSEKEEPING_WORKFLOW_TYPE,
      taskQueue,
      args: [config.housekeeping.retention],
    });

    const listed: string[] = [];
    for await (const schedule of client.schedule.list()) listed.push(schedule.scheduleId);
    expect(listed.filter((id) => id === housekeepingScheduleId(taskQueue))).toHaveLength(1);

    const longer = { ...config.housekeeping, retention: { ...config.housekeeping.retention, webhookReceiptsMs: 9e8 } };
    await expect(ensureHousekeepingSchedule(client, taskQueue, longer)).resolves.toBe('updated');
    await expect(ensureHousekeepingSchedule(client, taskQueue, longer)).resolves.toBe('unchanged');
    expect((await handle.describe()).action.args).toEqual([longer.retention]);
    await expect(ensureHousekeepingSchedule(client, taskQueue, config.housekeeping)).resolves.toBe('updated');
  });

  it('a triggered run purges only what is past its retention, in bounded batches', async () => {
    const scope = `test:${randomUUID()}`;
    const ageOf = (days: number) => `now() - make_interval(hours => ${days * 24})`;
    // Five keys older than their 1-day retention, one younger; receipts likewise against 2 days.
    for (const [i, days] of [3, 3, 3, 3, 3, 0.5].entries()) {
      await db.query(
        `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, state, locked_until, created_at)
         VALUES ($1, $2, 'h', 'COMPLETED', now(), ${ageOf(days)})`,
        [scope, `key-${i}`],
      );
    }
    for (const [i, days] of [5, 5, 5, 5, 5, 1].entries()) {
      await db.query(
        `INSERT INTO webhook_receipts (partner, webhook_id, outcome, received_at) VALUES ('sadad', $1, 'SIGNALLED', ${ageOf(days)})`,
        [`${scope}-${i}`],
      );
    }

    const worker = await startWorker();
    try {
      const handle = client.schedule.getHandle(housekeepingScheduleId(taskQueue));
      await handle.trigger();
      const run = await eventually(async () => (await handle.describe()).info.recentActions[0]?.action, 'a run');
      const workflow = client.workflow.getHandle(run.workflow.workflowId, run.workflow.firstExecutionRunId);
      // Nothing of the suite's renewals ended 90 days ago, nor is under a retired key (one key only).
      await expect(workflow.result()).resolves.toEqual({
        idempotencyKeys: 5,
        webhookReceipts: 5,
        personalDataErased: 0,
        reencrypted: 0,
      });
      // Batches of 2: two full ones, then one that finds the last row and ends the run.
      const history = await workflow.fetchHistory();
      expect(history.events!.filter((e) => e.activityTaskScheduledEventAttributes)).toHaveLength(3);
    } finally {
      await worker.shutdown();
    }

    const keys = await db.query('SELECT idempotency_key FROM idempotency_keys WHERE scope = $1', [scope]);
    expect(keys).toEqual([{ idempotency_key: 'key-5' }]);
    const receipts = await db.query('SELECT webhook_id FROM webhook_receipts WHERE webhook_id LIKE $1', [`${scope}-%`]);
    expect(receipts).toEqual([{ webhook_id: `${scope}-5` }]);
  });
});
