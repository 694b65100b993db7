import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_HOUSEKEEPING } from '../../../src/config/housekeeping';
import { openDataSource } from '../../../src/persistence/data-source';
import { createPersistence } from '../../../src/persistence/persistence';
import type { PersonalDataProtection } from '../../../src/persistence/personal-data';
import { percentile } from '../support/stats';

const SESSION = 'bench-housekeeping';
const CHORES = ['idempotencyKeys', 'webhookReceipts', 'personalData'] as const;
type Chore = (typeof CHORES)[number];

export interface HousekeepingFigure {
  batchSize: number;
  /** Per chore: batches run, rows deleted or erased, and each batch's statement time (the client's clock). */
  chores: Record<Chore, { batches: number; rows: number; p50Ms: number; longestMs: number }>;
  /** The longest a housekeeping transaction (so any lock it took) was seen open, sampled every 10 ms by PostgreSQL's clock. */
  longestTransactionMs: number;
  /** Samples in which another session waited on a lock housekeeping held. */
  blockedSamples: number;
  samples: number;
}

/**
 * Housekeeping as its schedule runs it (activities/maintenance.ts: one bounded batch of each chore, each one
 * statement, with the product's retention and batch size), batch after batch while the desk is busy, on a pool of
 * its own whose sessions PostgreSQL's views name. Each batch is timed, and pg_stat_activity is sampled for how
 * long its transactions have been open and whether anyone waits on them: a lock lives no longer than its
 * transaction, so the longest transaction seen is the longest lock held.
 */
export async function startHousekeeping(databaseUrl: string, protection: PersonalDataProtection) {
  const { retention } = DEFAULT_HOUSEKEEPING;
  const db = await openDataSource(databaseUrl, 2, SESSION);
  const watcher = await openDataSource(databaseUrl, 1, 'bench-housekeeping-watcher');
  const persistence = createPersistence(db, protection);
  const times: Record<Chore, number[]> = { idempotencyKeys: [], webhookReceipts: [], personalData: [] };
  const rows: Record<Chore, number> = { idempotencyKeys: 0, webhookReceipts: 0, personalData: 0 };
  const chores: Record<Chore, () => Promise<number>> = {
    idempotencyKeys: () => persistence.idempotencyKeys.purgeOlderThan(retention.idempotencyKeysMs, retention.batchSize),
    webhookReceipts: () => persistence.webhookReceipts.purgeOlderThan(retention.webhookReceiptsMs, retention.batchSize),
    personalData: () => persistence.personalData.eraseEndedBefore(retention.personalDataMs!, retention.batchSize),
  };
  let running = true;
  let longestTransactionMs = 0;
  let blockedSamples = 0;
  let samples = 0;
  const work = (async () => {
    while (running) {
      for (const chore of CHORES) {
        const t0 = performance.now();
        rows[chore] += await chores[chore]();
        times[chore].push(performance.now() - t0);
      }
      await sleep(100);
    }
  })();
  const watch = (async () => {
    while (running) {
      const [sample]: Array<{ ms: number; blocked: number }> = await watcher.query(
        `SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start) * 1000), 0)::float8 AS ms,
                (SELECT count(*) FROM pg_stat_activity w
                  WHERE w.application_name <> $1
                    AND EXISTS (SELECT 1 FROM pg_stat_activity h
                                 WHERE h.application_name = $1 AND h.pid = ANY (pg_blocking_pids(w.pid))))::int AS blocked
           FROM pg_stat_activity WHERE application_name = $1 AND xact_start IS NOT NULL`,
        [SESSION],
      );
      samples += 1;
      longestTransactionMs = Math.max(longestTransactionMs, sample.ms);
      if (sample.blocked > 0) blockedSamples += 1;
      await sleep(10);
    }
  })();
  return {
    async stop(): Promise<HousekeepingFigure> {
      running = false;
      await Promise.all([work, watch]);
      await db.destroy();
      await watcher.destroy();
      const round = (ms: number) => Math.round(ms * 10) / 10;
      return {
        batchSize: retention.batchSize,
        chores: Object.fromEntries(
          CHORES.map((chore) => [
            chore,
            {
              batches: times[chore].length,
              rows: rows[chore],
              p50Ms: round(percentile(times[chore], 50)),
              longestMs: round(Math.max(0, ...times[chore])),
            },
          ]),
        ) as HousekeepingFigure['chores'],
        longestTransactionMs: round(longestTransactionMs),
        blockedSamples,
        samples,
      };
    },
  };
}
