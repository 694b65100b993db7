import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables and sequences, which the product's history used to create as `public.sandbox_<name>`. */
const TABLES = [
  'registry_people',
  'registry_passports',
  'sadad_bills',
  'print_jobs',
  'wasel_subscriptions',
  'shipments',
  'carrier_events',
  'loss_claims',
  'sms_outbox',
  'webhook_outbox',
];
const SEQUENCES = ['sadad_bill_number_seq', 'passport_number_seq', 'tracking_number_seq', 'loss_claim_seq'];
const INDEXES = [
  'registry_passports_holder_idx',
  'sadad_bills_expiry_idx',
  'print_jobs_due_idx',
  'shipments_due_idx',
  'carrier_events_shipment_idx',
  'sms_outbox_mobile_idx',
  'webhook_outbox_due_idx',
];

/**
 * The sandboxes' own tables (dev/sandboxes/<system>/sandbox.ts), in their own
 * schema (`sandbox`, created by runSandboxMigrations before this runs), apart
 * from the product's: the product's migrations know nothing of them. Time-driven
 * rows (print jobs, shipments, webhooks) carry a `due_at`-style column that the
 * sandbox runner polls with FOR UPDATE SKIP LOCKED, hence the partial indexes.
 *
 * Until the sandboxes had a schema of their own, the product's history created
 * these tables as `public.sandbox_*` (migrations 1764400000000 and
 * 1764640000000, since removed from it; TypeORM ignores their rows). In a
 * development database made then, this moves those tables, with their rows and
 * sequences, into the schema instead of creating new ones: the partners keep
 * the bills, passports and shipments the product's rows refer to, and their
 * numbering goes on where it was (new sequences would hand out numbers the
 * product's tables already hold).
 */
export class SandboxTables1765000000000 implements MigrationInterface {
  name = 'SandboxTables1765000000000';

  async up(db: QueryRunner): Promise<void> {
    if (await this.adoptProductSchemaTables(db)) return;
    await this.createRegistry(db);
    await this.createSadad(db);
    await this.createPrintCentre(db);
    await this.createWasel(db);
    await this.createSaudiPost(db);
    await this.createSms(db);
    await this.createWebhookOutbox(db);
  }

  /** Moves the tables the product's history made (see above) into the schema; false when there are none. */
  private async adoptProductSchemaTables(db: QueryRunner): Promise<boolean> {
    const [found] = await db.query(`SELECT to_regclass('public.sandbox_registry_people') IS NOT NULL AS present`);
    if (!found.present) return false;
    for (const table of TABLES) {
      await db.query(`ALTER TABLE public.sandbox_${table} SET SCHEMA sandbox`);
      await db.query(`ALTER TABLE sandbox.sandbox_${table} RENAME TO ${table}`);
    }
    for (const sequence of SEQUENCES) {
      await db.query(`ALTER SEQUENCE public.sandbox_${sequence} SET SCHEMA sandbox`);
      await db.query(`ALTER SEQUENCE sandbox.sandbox_${sequence} RENAME TO ${sequence}`);
    }
    // Indexes move with their tables; their names lose the prefix, as those this history creates have none.
    for (const index of INDEXES) await db.query(`ALTER INDEX sandbox.sandbox_${index} RENAME TO ${index}`);
    // A database last migrated before 1764640000000 lacks the column (its English-speaking seed people stay 'ar').
    await db.query(
      `ALTER TABLE sandbox.registry_people ADD COLUMN IF NOT EXISTS preferred_language text NOT NULL DEFAULT 'ar'
         CHECK (preferred_language IN ('ar', 'en'))`,
    );
    return true;
  }

  private async createRegistry(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sandbox.registry_people (
        national_id          char(10) PRIMARY KEY,
        name_ar              text     NOT NULL,
        name_en              text     NOT NULL,
        date_of_birth        date     NOT NULL,
        nationality          text     NOT NULL,
        mobile               text     NOT NULL,
        photo_ref            text     NOT NULL DEFAULT 'NICPH-' || upper(substr(md5(random()::text), 1, 10)),
        travel_ban           boolean  NOT NULL DEFAULT false,
        unpaid_fines_sar     integer  NOT NULL DEFAULT 0,
        biometrics_on_record boolean  NOT NULL DEFAULT true,
        -- The language the person is written to in: Arabic, unless they asked for English.
        preferred_language   text     NOT NULL DEFAULT 'ar' CHECK (preferred_language IN ('ar', 'en'))
      )`);
    await db.query(`
      CREATE TABLE sandbox.registry_passports (
        passport_number text PRIMARY KEY,
        national_id     char(10)    NOT NULL REFERENCES sandbox.registry_people (national_id),
        status          text        NOT NULL,
        issued_on       date        NOT NULL,
        expires_on      date        NOT NULL,
        status_reason   text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX registry_passports_holder_idx ON sandbox.registry_passports (national_id)`);
  }

  private async createSadad(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE sandbox.sadad_bill_number_seq START 700100000001`);
    await db.query(`
      CREATE TABLE sandbox.sadad_bills (
        bill_number   text PRIMARY KEY,
        bill_key      text          NOT NULL UNIQUE,
        national_id   char(10)      NOT NULL,
        amount_sar    numeric(12,2) NOT NULL,
        description   text          NOT NULL,
        status        text          NOT NULL DEFAULT 'UNPAID',
        status_reason text,
        expires_at    timestamptz   NOT NULL,
        paid_at       timestamptz,
        payment_id    text UNIQUE,
        created_at    timestamptz   NOT NULL DEFAULT now(),
        updated_at    timestamptz   NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sadad_bills_expiry_idx ON sandbox.sadad_bills (expires_at) WHERE status = 'UNPAID'`);
  }

  private async createPrintCentre(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE sandbox.passport_number_seq START 10000001`);
    await db.query(`
      CREATE TABLE sandbox.print_jobs (
        job_key          text PRIMARY KEY,
        renewal_id       text        NOT NULL,
        office_id        text        NOT NULL,
        national_id      char(10)    NOT NULL,
        validity_years   integer     NOT NULL,
        status           text        NOT NULL DEFAULT 'QUEUED',
        planned_outcome  text        NOT NULL,
        failure_reason   text,
        passport_number  text UNIQUE,
        issued_on        date,
        expires_on       date,
        step_ms          integer     NOT NULL,
        due_at           timestamptz,
        webhook_base_url text        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX print_jobs_due_idx ON sandbox.print_jobs (due_at) WHERE status IN ('QUEUED', 'PRINTING')`,
    );
  }

  private async createWasel(db: QueryRunner): Promise<void> {
    // Plain text columns: what Wasel holds is checked when read, as a partner's data must be.
    await db.query(`
      CREATE TABLE sandbox.wasel_subscriptions (
        national_id       char(10) PRIMARY KEY,
        building_number   text        NOT NULL,
        street            text        NOT NULL,
        district          text        NOT NULL,
        city              text        NOT NULL,
        postal_code       text        NOT NULL,
        additional_number text        NOT NULL,
        unit_number       text,
        short_address     text,
        subscribed_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  private async createSaudiPost(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE sandbox.tracking_number_seq START 40000001`);
    await db.query(`
      CREATE TABLE sandbox.shipments (
        tracking_number         text PRIMARY KEY,
        shipment_key            text        NOT NULL UNIQUE,
        envelope_barcode        text        NOT NULL UNIQUE,
        origin_office_id        text        NOT NULL,
        destination_postal_code text        NOT NULL,
        status                  text        NOT NULL DEFAULT 'CREATED',
        plan                    jsonb       NOT NULL,
        plan_position           integer     NOT NULL DEFAULT 0,
        step_ms                 integer     NOT NULL,
        next_event_at           timestamptz,
        webhook_base_url        text        NOT NULL,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX shipments_due_idx ON sandbox.shipments (next_event_at) WHERE next_event_at IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE sandbox.carrier_events (
        event_id        uuid PRIMARY KEY,
        tracking_number text        NOT NULL REFERENCES sandbox.shipments (tracking_number),
        type            text        NOT NULL,
        proof           text,
        reason          text,
        occurred_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX carrier_events_shipment_idx ON sandbox.carrier_events (tracking_number)`);
    await db.query(`CREATE SEQUENCE sandbox.loss_claim_seq START 1`);
    await db.query(`
      CREATE TABLE sandbox.loss_claims (
        claim_id        text PRIMARY KEY,
        claim_key       text          NOT NULL UNIQUE,
        tracking_number text          NOT NULL REFERENCES sandbox.shipments (tracking_number),
        liability_sar   numeric(12,2) NOT NULL,
        status          text          NOT NULL DEFAULT 'OPEN',
        opened_at       timestamptz   NOT NULL DEFAULT now()
      )`);
  }

  private async createSms(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sandbox.sms_outbox (
        message_id  text PRIMARY KEY,
        message_key text        NOT NULL UNIQUE,
        to_mobile   text        NOT NULL,
        body        text        NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sms_outbox_mobile_idx ON sandbox.sms_outbox (to_mobile, accepted_at)`);
  }

  private async createWebhookOutbox(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sandbox.webhook_outbox (
        id              text PRIMARY KEY,
        partner         text        NOT NULL,
        target_url      text        NOT NULL,
        payload         jsonb       NOT NULL,
        status          text        NOT NULL DEFAULT 'PENDING',
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz
      )`);
    await db.query(
      `CREATE INDEX webhook_outbox_due_idx ON sandbox.webhook_outbox (next_attempt_at) WHERE status = 'PENDING'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await db.query(`DROP TABLE sandbox.${table}`);
    for (const sequence of SEQUENCES) await db.query(`DROP SEQUENCE sandbox.${sequence}`);
  }
}
