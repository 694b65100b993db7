import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lean history: each stage change is one local activity that writes, in
 * one transaction, everything the status view needs (so `GET …/status` reads
 * PostgreSQL instead of querying the workflow) and the SMS notices it causes,
 * into an outbox that a sender in the worker delivers.
 */
export class LeanHistory1764630000000 implements MigrationInterface {
  name = 'LeanHistory1764630000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE renewals
        ADD COLUMN has_snapshot       boolean NOT NULL DEFAULT false,
        ADD COLUMN issue_number       integer NOT NULL DEFAULT 1,
        ADD COLUMN validity_years     integer,
        ADD COLUMN tracking           jsonb,
        ADD COLUMN pending_action     text,
        ADD COLUMN outcome_reason     text,
        ADD COLUMN counter_mismatches integer NOT NULL DEFAULT 0,
        ADD COLUMN amount_due_sar     integer,
        ADD COLUMN bill_number        text`);
    await db.query(`
      CREATE TABLE sms_outbox (
        message_key        text        PRIMARY KEY,
        renewal_id         uuid        NOT NULL,
        notice             text        NOT NULL,
        params             jsonb       NOT NULL DEFAULT '{}',
        status             text        NOT NULL DEFAULT 'PENDING',
        attempts           integer     NOT NULL DEFAULT 0,
        next_attempt_at    timestamptz NOT NULL DEFAULT now(),
        last_error         text,
        language           text,
        gateway_message_id text,
        sent_at            timestamptz,
        queued_at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    // The sender's claim query: due rows only, oldest first.
    await db.query(`CREATE INDEX sms_outbox_due_idx ON sms_outbox (next_attempt_at) WHERE status = 'PENDING'`);
    // A renewal's notices go out in the order they were written: the claim looks for earlier ones still pending.
    await db.query(`CREATE INDEX sms_outbox_renewal_idx ON sms_outbox (renewal_id, queued_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sms_outbox`);
    await db.query(`
      ALTER TABLE renewals
        DROP COLUMN has_snapshot, DROP COLUMN issue_number, DROP COLUMN validity_years, DROP COLUMN tracking,
        DROP COLUMN pending_action, DROP COLUMN outcome_reason, DROP COLUMN counter_mismatches,
        DROP COLUMN amount_due_sar, DROP COLUMN bill_number`);
  }
}
