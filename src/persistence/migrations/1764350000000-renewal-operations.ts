import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the renewals asked of partner systems, so partner webhooks can be routed
 * back to their renewal and operators can see every bill, print job, shipment
 * and loss claim. Written by activities, idempotently (primary keys are the
 * workflow's deterministic keys, see workflows/contract/ids.ts).
 */
export class RenewalOperations1764350000000 implements MigrationInterface {
  name = 'RenewalOperations1764350000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE bills (
        bill_key     text PRIMARY KEY,
        renewal_id   uuid        NOT NULL,
        bill_number  text        NOT NULL UNIQUE,
        amount_sar   integer     NOT NULL,
        status       text        NOT NULL,
        expires_at   timestamptz NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX bills_renewal_idx ON bills (renewal_id)`);
    await db.query(`
      CREATE TABLE print_jobs (
        job_key          text PRIMARY KEY,
        renewal_id       uuid        NOT NULL,
        issue_number     integer     NOT NULL,
        attempt          integer     NOT NULL,
        office_id        text        NOT NULL,
        status           text        NOT NULL,
        passport_number  text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX print_jobs_renewal_idx ON print_jobs (renewal_id)`);
    await db.query(`
      CREATE TABLE shipments (
        shipment_key      text PRIMARY KEY,
        renewal_id        uuid        NOT NULL,
        issue_number      integer     NOT NULL,
        envelope_barcode  text        NOT NULL UNIQUE,
        tracking_number   text        NOT NULL UNIQUE,
        status            text        NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        closed_at         timestamptz
      )`);
    await db.query(`CREATE INDEX shipments_renewal_idx ON shipments (renewal_id)`);
    await db.query(`
      CREATE TABLE loss_claims (
        claim_key         text PRIMARY KEY,
        renewal_id        uuid        NOT NULL,
        tracking_number   text        NOT NULL,
        carrier_claim_id  text        NOT NULL,
        liability_sar     integer     NOT NULL,
        status            text        NOT NULL,
        opened_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX loss_claims_renewal_idx ON loss_claims (renewal_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE loss_claims`);
    await db.query(`DROP TABLE shipments`);
    await db.query(`DROP TABLE print_jobs`);
    await db.query(`DROP TABLE bills`);
  }
}
