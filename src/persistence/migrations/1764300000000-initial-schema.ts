import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model and the audit trail (the sandboxes' tables are in 1764400000000-sandboxes). */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE renewals (
        renewal_id        uuid PRIMARY KEY,
        national_id       char(10)    NOT NULL,
        stage             text        NOT NULL,
        delivery_method   text        NOT NULL,
        office_id         text        NOT NULL,
        stage_deadline    timestamptz,
        sla_breached      boolean     NOT NULL DEFAULT false,
        last_sequence     integer     NOT NULL,
        stage_entered_at  timestamptz NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX renewals_national_id_idx ON renewals (national_id)`);
    await db.query(`CREATE INDEX renewals_stage_idx ON renewals (stage, stage_deadline)`);

    await db.query(`
      CREATE TABLE audit_events (
        id           bigserial PRIMARY KEY,
        event_key    text        NOT NULL UNIQUE,
        renewal_id   uuid        NOT NULL,
        actor        text        NOT NULL,
        action       text        NOT NULL,
        outcome      text        NOT NULL,
        details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
        occurred_at  timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_events_renewal_idx ON audit_events (renewal_id, occurred_at)`);
    // Append-only: the trail can be added to, never rewritten.
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_no_rewrite BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only`);
    await db.query(`DROP TABLE renewals`);
  }
}
