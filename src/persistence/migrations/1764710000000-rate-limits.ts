import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API's rate limits, counted where every replica sees them: one row per caller's key and window, bumped by
 * one atomic upsert per request. UNLOGGED: a counter is worth nothing after a crash (PostgreSQL empties the table
 * then, and a standby never has it), so it costs no WAL, the bulk of a write this small; the worst a crash does is
 * forgive the callers one window. Rows of ended windows are deleted by the API (by window end, indexed).
 */
export class RateLimits1764710000000 implements MigrationInterface {
  name = 'RateLimits1764710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit_hits (
        key            text        NOT NULL,
        window_ends_at timestamptz NOT NULL,
        hits           integer     NOT NULL,
        PRIMARY KEY (key, window_ends_at)
      )`);
    await db.query(`CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (window_ends_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_hits`);
  }
}
