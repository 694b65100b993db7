import type { DataSource, QueryRunner } from 'typeorm';
import { DEFAULT_POLICY } from '../../../src/config/policy';
import { type PersonalDataProtection, sealedPlaces } from '../../../src/persistence/personal-data';
import {
  INSERT_ALERTS,
  INSERT_AUDIT_LINES,
  INSERT_IDEMPOTENCY_KEYS,
  INSERT_RENEWALS,
  INSERT_WEBHOOK_RECEIPTS,
  MAX_RENEWALS,
  seededNationalId,
  seededRenewalId,
  YEAR_FUNCTIONS,
} from './year';

export interface SeedSize {
  renewals: number;
  auditLines: number;
  alerts: number;
  idempotencyKeys: number;
  webhookReceipts: number;
}

/** Rows per statement: each batch is one statement, so it lands whole or not at all, and a rerun skips it. */
const BATCH = { renewals: 10_000, auditLines: 100_000, alerts: 50_000, other: 100_000 };

const number = (value: number) => value.toLocaleString('en');

/**
 * Fills the database with a year (./year.ts): renewals, their audit lines, alerts, and a housekeeping backlog
 * of idempotency keys and webhook receipts. Batches are single statements keyed by serial number, so a second
 * run with the same size finds every batch there and adds nothing, and a run that stopped resumes; a run with
 * another size is refused (the year's times depend on it). The size and the year's end (the anchor) are kept
 * in `bench.seed`, the bench's one table, in a schema of its own.
 */
export async function seedYear(
  db: DataSource,
  size: SeedSize,
  protection: PersonalDataProtection,
  log: (line: string) => void = console.log,
): Promise<{ anchor: Date; seconds: number; alreadySeeded: boolean }> {
  if (size.renewals < 1 || size.renewals > MAX_RENEWALS) throw new Error(`--renewals must be 1 to ${MAX_RENEWALS}`);
  const started = Date.now();
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const marker = await claim(runner, size);
    if (marker.finished) {
      log(`already seeded with this size (the year to ${marker.anchor.toISOString()}): nothing to do`);
      return { anchor: marker.anchor, seconds: 0, alreadySeeded: true };
    }
    const { anchor } = marker;
    log(`seeding the year to ${anchor.toISOString()}`);
    // Triggers off for this session: no change notice per row (the API would read each of millions of rows
    // nobody watches), and the alerts' rows are written with their lines below.
    await runner.query(`SET session_replication_role = replica`);
    for (const sql of YEAR_FUNCTIONS) await runner.query(sql);

    const policy = JSON.stringify(DEFAULT_POLICY);
    // Node's share (two keyed functions and a cipher per row) is made for the next batch while PostgreSQL
    // inserts this one.
    const sealedBatch = (first: number, last: number) => {
      const ids: string[] = [];
      const digests: Buffer[] = [];
      const sealed: Buffer[] = [];
      for (let n = first; n <= last; n++) {
        const renewalId = seededRenewalId(n);
        const nationalId = seededNationalId(n);
        ids.push(renewalId);
        digests.push(protection.digest(nationalId));
        sealed.push(protection.seal(nationalId, sealedPlaces.renewalNationalId(renewalId)).data);
      }
      return { first, ids, digests, sealed };
    };
    let prepared: ReturnType<typeof sealedBatch> | undefined;
    await inBatches(log, 'renewals', size.renewals, BATCH.renewals, async (first, last) => {
      if (await exists(runner, 'SELECT 1 FROM renewals WHERE renewal_id = $1', [seededRenewalId(last)])) return false;
      const batch = prepared?.first === first ? prepared : sealedBatch(first, last);
      const inserted = runner.query(INSERT_RENEWALS, [
        batch.ids,
        batch.digests,
        batch.sealed,
        protection.currentKeyId,
        first,
        size.renewals,
        anchor,
        policy,
      ]);
      const next = last + 1;
      prepared = next <= size.renewals ? sealedBatch(next, Math.min(size.renewals, last + BATCH.renewals)) : undefined;
      await inserted;
      return true;
    });

    const perRenewal = size.auditLines / size.renewals;
    const renewalsPerBatch = Math.max(1, Math.floor(BATCH.auditLines / Math.max(perRenewal, 1)));
    await inBatches(log, 'audit lines (renewals)', size.renewals, renewalsPerBatch, async (first, last) => {
      if (await exists(runner, 'SELECT 1 FROM audit_events WHERE event_key = $1', [`seed:${last}:1`])) return false;
      await runner.query(INSERT_AUDIT_LINES, [first, last, perRenewal]);
      return true;
    });

    await inBatches(log, 'alerts', size.alerts, BATCH.alerts, async (first, last) => {
      if (await exists(runner, 'SELECT 1 FROM audit_events WHERE event_key = $1', [`seed-alert:${last}`])) return false;
      await runner.query(INSERT_ALERTS, [first, last, size.alerts, size.renewals, anchor]);
      return true;
    });
    await inBatches(log, 'idempotency keys', size.idempotencyKeys, BATCH.other, async (first, last) => {
      await runner.query(INSERT_IDEMPOTENCY_KEYS, [first, last, anchor]);
      return true;
    });
    await inBatches(log, 'webhook receipts', size.webhookReceipts, BATCH.other, async (first, last) => {
      await runner.query(INSERT_WEBHOOK_RECEIPTS, [first, last, anchor]);
      return true;
    });
    await runner.query(`RESET session_replication_role`);

    // Fresh statistics for the planner, and the visibility map set, so index-only scans need not visit the table.
    for (const table of ['renewals', 'audit_events', 'operator_alerts', 'idempotency_keys', 'webhook_receipts']) {
      const at = Date.now();
      await runner.query(`VACUUM (ANALYZE) ${table}`);
      log(`vacuum analyze ${table}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
    }
    await runner.query(`UPDATE bench.seed SET finished_at = now()`);
    return { anchor, seconds: (Date.now() - started) / 1000, alreadySeeded: false };
  } finally {
    await runner.release();
  }
}

/** The seed's record: this size's, made now if there is none; another size's is refused. */
async function claim(runner: QueryRunner, size: SeedSize): Promise<{ anchor: Date; finished: boolean }> {
  await runner.query(`CREATE SCHEMA IF NOT EXISTS bench`);
  await runner.query(`
    CREATE TABLE IF NOT EXISTS bench.seed (
      one              boolean PRIMARY KEY DEFAULT true CHECK (one),
      renewals         bigint NOT NULL,
      audit_lines      bigint NOT NULL,
      alerts           bigint NOT NULL,
      idempotency_keys bigint NOT NULL,
      webhook_receipts bigint NOT NULL,
      anchor           timestamptz NOT NULL,
      finished_at      timestamptz)`);
  await runner.query(
    `INSERT INTO bench.seed (renewals, audit_lines, alerts, idempotency_keys, webhook_receipts, anchor)
     VALUES ($1, $2, $3, $4, $5, date_trunc('minute', now())) ON CONFLICT DO NOTHING`,
    [size.renewals, size.auditLines, size.alerts, size.idempotencyKeys, size.webhookReceipts],
  );
  const [row]: Array<{
    renewals: string;
    audit_lines: string;
    alerts: string;
    idempotency_keys: string;
    webhook_receipts: string;
    anchor: Date;
    finished_at: Date | null;
  }> = await runner.query(`SELECT * FROM bench.seed`);
  const seeded: SeedSize = {
    renewals: Number(row.renewals),
    auditLines: Number(row.audit_lines),
    alerts: Number(row.alerts),
    idempotencyKeys: Number(row.idempotency_keys),
    webhookReceipts: Number(row.webhook_receipts),
  };
  if (JSON.stringify(seeded) !== JSON.stringify(size)) {
    throw new Error(
      `This database was seeded with ${JSON.stringify(seeded)}, not ${JSON.stringify(size)}: seeding it again ` +
        'would mix two years. Seed another data folder (BENCH_DESK_DATA_DIR), or delete this one.',
    );
  }
  return { anchor: row.anchor, finished: row.finished_at !== null };
}

async function exists(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<boolean> {
  return ((await runner.query(sql, parameters)) as unknown[]).length > 0;
}

/** Runs `batch` over 1..total in slices, printing progress; `batch` answers false for a slice already there. */
async function inBatches(
  log: (line: string) => void,
  what: string,
  total: number,
  size: number,
  batch: (first: number, last: number) => Promise<boolean>,
): Promise<void> {
  const started = Date.now();
  let skipped = 0;
  let lastLog = 0;
  for (let first = 1; first <= total; first += size) {
    const last = Math.min(total, first + size - 1);
    if (!(await batch(first, last))) skipped += last - first + 1;
    const done = last;
    if (Date.now() - lastLog > 5_000 || done === total) {
      lastLog = Date.now();
      const seconds = (Date.now() - started) / 1000;
      const rate = (done - skipped) / Math.max(seconds, 0.001);
      log(
        `${what}: ${number(done)} / ${number(total)} (${Math.round((100 * done) / total)}%)` +
          `${skipped ? `, ${number(skipped)} already there` : ''}, ${number(Math.round(rate))}/s, ${seconds.toFixed(0)} s`,
      );
    }
  }
}
