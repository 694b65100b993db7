import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the API remembers between requests: the responses to idempotent POSTs,
 * and the partner webhooks already acted on.
 */
export class Api1764450000000 implements MigrationInterface {
  name = 'Api1764450000000';

  async up(db: QueryRunner): Promise<void> {
    // One row per (caller, Idempotency-Key). `scope` is the caller's audit actor, which for a
    // citizen is a pseudonym, so no national ID is stored here. An IN_PROGRESS row is a lease:
    // past `locked_until` another request may take it over (the first one's process died).
    await db.query(`
      CREATE TABLE idempotency_keys (
        scope            text        NOT NULL,
        idempotency_key  text        NOT NULL,
        request_hash     text        NOT NULL,
        state            text        NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
        response_status  integer,
        response_body    jsonb,
        locked_until     timestamptz NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        completed_at     timestamptz,
        PRIMARY KEY (scope, idempotency_key)
      )`);
    // One row per partner message (`webhook-id`): a replayed message finds its row and changes nothing.
    await db.query(`
      CREATE TABLE webhook_receipts (
        partner      text        NOT NULL,
        webhook_id   text        NOT NULL,
        renewal_id   uuid,
        outcome      text        NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner, webhook_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_receipts`);
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
