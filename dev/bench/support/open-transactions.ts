import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';

export interface IdleInTransaction {
  /** The sessions watched: the API's pool (`renewals-api`); the worker's and the sandboxes' are another matter. */
  applicationName: string;
  /** Times the product's sessions were looked at. */
  samples: number;
  /** Samples that caught at least one session idle inside an open transaction. */
  samplesWithIdle: number;
  /** The longest a caught session had been idle, and its transaction open, in ms. */
  longestIdleMs: number;
  longestTransactionMs: number;
  /** The statement each caught session ran last, once each: what it was waiting between. */
  lastStatements: string[];
}

/**
 * Watches the product's PostgreSQL sessions every `intervalMs` while `during`
 * runs, for any left "idle in transaction": a transaction held open while the
 * process does something else, such as waiting on Temporal. A short
 * transaction can still be caught between two of its statements; how long it
 * had been idle, and the statement before, tell the two apart.
 */
export async function watchIdleInTransaction<T>(
  db: DataSource,
  during: () => Promise<T>,
  applicationName = 'renewals-api',
  intervalMs = 50,
): Promise<{ result: T; idle: IdleInTransaction }> {
  const idle: IdleInTransaction = {
    applicationName,
    samples: 0,
    samplesWithIdle: 0,
    longestIdleMs: 0,
    longestTransactionMs: 0,
    lastStatements: [],
  };
  let done = false;
  const watcher = (async () => {
    while (!done) {
      const rows: Array<{ idle_ms: number; xact_ms: number; query: string }> = await db.query(
        `SELECT extract(epoch FROM now() - state_change) * 1000 AS idle_ms,
                extract(epoch FROM now() - xact_start) * 1000 AS xact_ms,
                left(query, 120) AS query
           FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1
            AND state IN ('idle in transaction', 'idle in transaction (aborted)')`,
        [applicationName],
      );
      idle.samples += 1;
      if (rows.length > 0) idle.samplesWithIdle += 1;
      for (const row of rows) {
        idle.longestIdleMs = Math.max(idle.longestIdleMs, Number(row.idle_ms));
        idle.longestTransactionMs = Math.max(idle.longestTransactionMs, Number(row.xact_ms));
        const statement = row.query.replace(/\s+/g, ' ');
        if (!idle.lastStatements.includes(statement)) idle.lastStatements.push(statement);
      }
      await sleep(intervalMs);
    }
  })();
  try {
    return { result: await during(), idle };
  } finally {
    done = true;
    await watcher;
  }
}
