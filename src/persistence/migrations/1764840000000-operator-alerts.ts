import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIndexConcurrently, inTransaction } from './online-ddl';

/** Alerts one backfill statement copies. */
const BATCH = 1000;

// Spelled out rather than imported: a migration builds what was true when it was written.
const ALERT_ACTION = `'operator.alert'`;

/**
 * Operator alerts get a table of their own, `operator_alerts`: one row per alert line of the audit trail (under
 * its id), written by a trigger whatever writes the line (the workflow's projection, a partner's webhook, any
 * version), holding what the trail cannot: whether, when and by whom an alert was acknowledged, with a note
 * (the trail refuses updates). Its indexes serve the alerts list newest first by each filter. Existing alerts
 * are copied in batches after the trigger is in place, so none written meanwhile is missed; indexes are built
 * CONCURRENTLY; every step can run again.
 */
export class OperatorAlerts1764840000000 implements MigrationInterface {
  name = 'OperatorAlerts1764840000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS operator_alerts (
        alert_id             bigint      PRIMARY KEY,
        renewal_id           uuid,
        kind                 text        NOT NULL,
        raised_at            timestamptz NOT NULL,
        acknowledged_at      timestamptz,
        acknowledged_by      text,
        acknowledgement_note text
      )`);
    // Who may do what (migration 1764800000000 says why by table): the API lists the alerts and acknowledges them,
    // and writes only the acknowledgement's columns; neither process writes an alert. The trigger below does, as the
    // table's owner (SECURITY DEFINER, its search path fixed), whichever process wrote the alert's audit line.
    await db.query(
      `GRANT SELECT, UPDATE (acknowledged_at, acknowledged_by, acknowledgement_note) ON operator_alerts TO renewals_api`,
    );
    // Before the copy, so no alert written meanwhile is missed; the copy skips those the trigger wrote.
    await inTransaction(db, async () => {
      await db.query(`
        CREATE OR REPLACE FUNCTION record_operator_alert() RETURNS trigger LANGUAGE plpgsql
          SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
          INSERT INTO operator_alerts (alert_id, renewal_id, kind, raised_at)
          VALUES (NEW.id, NEW.renewal_id, NEW.outcome, NEW.occurred_at)
          ON CONFLICT (alert_id) DO NOTHING;
          RETURN NULL;
        END $$`);
      await db.query(`DROP TRIGGER IF EXISTS audit_events_operator_alert ON audit_events`);
      await db.query(`
        CREATE TRIGGER audit_events_operator_alert
          AFTER INSERT ON audit_events
          FOR EACH ROW WHEN (NEW.action = ${ALERT_ACTION}) EXECUTE FUNCTION record_operator_alert()`);
    });
    // Walked in time order by the action index (action, occurred_at). The position is kept in microseconds: a
    // JavaScript Date would round it to the millisecond and the walk would never pass the batch's last line.
    let after = { micros: '0', id: '0' };
    for (;;) {
      const rows: Array<{ micros: string; id: string }> = await db.query(
        `WITH batch AS (
           SELECT id, renewal_id, outcome, occurred_at FROM audit_events
            WHERE action = ${ALERT_ACTION}
              AND (occurred_at, id) > (timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2::bigint)
            ORDER BY occurred_at, id LIMIT $3),
         copied AS (
           INSERT INTO operator_alerts (alert_id, renewal_id, kind, raised_at)
           SELECT id, renewal_id, outcome, occurred_at FROM batch
           ON CONFLICT (alert_id) DO NOTHING)
         SELECT (extract(epoch FROM occurred_at) * 1000000)::bigint::text AS micros, id::text AS id
           FROM batch ORDER BY occurred_at DESC, id DESC LIMIT 1`,
        [after.micros, after.id, BATCH],
      );
      if (!rows.length) break;
      after = rows[0];
    }
    await createIndexConcurrently(db, 'operator_alerts_raised_idx', 'operator_alerts (raised_at, alert_id)');
    await createIndexConcurrently(db, 'operator_alerts_kind_idx', 'operator_alerts (kind, raised_at, alert_id)');
    await createIndexConcurrently(
      db,
      'operator_alerts_renewal_idx',
      'operator_alerts (renewal_id, raised_at, alert_id)',
    );
    // The alerts still to look at: few among many, so a partial index finds them without passing the others.
    await createIndexConcurrently(
      db,
      'operator_alerts_open_idx',
      'operator_alerts (raised_at, alert_id, kind) WHERE acknowledged_at IS NULL',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS audit_events_operator_alert ON audit_events`);
    await db.query(`DROP FUNCTION IF EXISTS record_operator_alert()`);
    await db.query(`DROP TABLE IF EXISTS operator_alerts`);
  }
}
