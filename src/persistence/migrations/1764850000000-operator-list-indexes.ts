import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently } from './online-ddl';

// Spelled out rather than imported: a migration builds what was true when it was written.
const ENDED = `'COMPLETED', 'REJECTED', 'EXPIRED', 'CANCELLED', 'FAILED'`;

/**
 * The operator's list reads newest first (created_at, renewal_id) and stops after a page. Each index leads
 * with the equality filters it serves and ends in that order; trailing columns let the other filters be
 * checked in the index, without visiting the table for rows they refuse, and let a capped count be an
 * index-only scan. A delivery method is one of two, so it is such a trailing column rather than a lead, except
 * beside a stage.
 *
 * Built CONCURRENTLY (no write lock on a live table of millions of rows; an invalid index left by a failed run is
 * rebuilt), outside a transaction; every step can run again.
 */
export class OperatorListIndexes1764850000000 implements MigrationInterface {
  name = 'OperatorListIndexes1764850000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await createIndexConcurrently(db, 'renewals_created_idx', 'renewals (created_at, renewal_id, delivery_method)');
    await createIndexConcurrently(
      db,
      'renewals_stage_created_idx',
      'renewals (stage, created_at, renewal_id, delivery_method)',
    );
    // A stage and a delivery method together: some pairs match nothing (a passport at the counter goes by no
    // post), and a trailing column would have the scan pass every row of the stage to find that out.
    await createIndexConcurrently(
      db,
      'renewals_stage_delivery_created_idx',
      'renewals (stage, delivery_method, created_at, renewal_id)',
    );
    await createIndexConcurrently(
      db,
      'renewals_office_created_idx',
      'renewals (office_id, created_at, renewal_id, delivery_method)',
    );
    await createIndexConcurrently(
      db,
      'renewals_office_stage_created_idx',
      'renewals (office_id, stage, created_at, renewal_id, delivery_method)',
    );
    // Renewals under way (a third at most): what "past its deadline" and "stuck for" ask about, with every column
    // those filters and the others compare, so the scan checks them in the index.
    await createIndexConcurrently(
      db,
      'renewals_open_created_idx',
      `renewals (created_at, renewal_id, office_id, stage, delivery_method, stage_entered_at, stage_deadline, sla_breached,
                 overdue)
        WHERE stage NOT IN (${ENDED})`,
    );
    await createIndexConcurrently(
      db,
      'renewals_sla_breached_created_idx',
      'renewals (created_at, renewal_id, office_id, stage, delivery_method) WHERE sla_breached',
    );
    // Overdue (migration 1764750000000: a stage past its deadline, operators alerted): a few renewals under way,
    // which the desk asks for alone or beside any other filter.
    await createIndexConcurrently(
      db,
      'renewals_overdue_created_idx',
      'renewals (created_at, renewal_id, office_id, stage, delivery_method) WHERE overdue',
    );
    // The planner takes stage and delivery method for independent, so a pair that never occurs (a passport at the
    // counter goes by no post) is expected to match thousands, and it reads the renewals under way newest first
    // hoping to fill a page early: a full scan of that index (1,307 pages, 22-44 ms on 300,000 renewals, ten
    // times that on a year). Their joint most common values tell it the pair is empty, so it takes the index
    // that leads with both (3 pages, 0.1 ms). CREATE STATISTICS only writes the catalogue; ANALYZE samples
    // 30,000 rows under a lock that blocks neither reads nor writes.
    await db.query(
      `CREATE STATISTICS IF NOT EXISTS renewals_stage_delivery_stats (mcv) ON stage, delivery_method FROM renewals`,
    );
    await db.query(`ANALYZE renewals`);
    // An office's counter queue: the passports waiting there, longest waiting first.
    await createIndexConcurrently(
      db,
      'renewals_pickup_queue_idx',
      `renewals (office_id, stage_entered_at, renewal_id) WHERE stage = 'READY_FOR_PICKUP'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'renewals_pickup_queue_idx',
      'renewals_overdue_created_idx',
      'renewals_sla_breached_created_idx',
      'renewals_open_created_idx',
      'renewals_office_stage_created_idx',
      'renewals_office_created_idx',
      'renewals_stage_delivery_created_idx',
      'renewals_stage_created_idx',
      'renewals_created_idx',
    ]) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await db.query(`DROP STATISTICS IF EXISTS renewals_stage_delivery_stats`);
  }
}
