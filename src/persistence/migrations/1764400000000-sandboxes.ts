import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEED_PEOPLE } from '../../../dev/sandboxes/seed-people';

/**
 * The sandboxes' own tables (dev/sandboxes/<system>/sandbox.ts), seeded
 * with the people of dev/sandboxes/seed-people.ts. Time-driven rows
 * (print jobs, shipments, webhooks) carry a `due_at`-style column that the
 * sandbox runner polls with FOR UPDATE SKIP LOCKED, hence the partial indexes.
 */
export class Sandboxes1764400000000 implements MigrationInterface {
  name = 'Sandboxes1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await this.createRegistry(db);
    await this.createSadad(db);
    await this.createPrintCentre(db);
    await this.createWasel(db);
    await this.createSaudiPost(db);
    await this.createSms(db);
    await this.createWebhookOutbox(db);
    await this.seed(db);
  }

  private async createRegistry(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sandbox_registry_people (
        national_id          char(10) PRIMARY KEY,
        name_ar              text     NOT NULL,
        name_en              text     NOT NULL,
        date_of_birth        date     NOT NULL,
        nationality          text     NOT NULL,
        mobile               text     NOT NULL,
        photo_ref            text     NOT NULL DEFAULT 'NICPH-' || upper(substr(md5(random()::text), 1, 10)),
        travel_ban           boolean  NOT NULL DEFAULT false,
        unpaid_fines_sar     integer  NOT NULL DEFAULT 0,
        biometrics_on_record boolean  NOT NULL DEFAULT true
      )`);
    await db.query(`
      CREATE TABLE sandbox_registry_passports (
        passport_number text PRIMARY KEY,
        national_id     char(10)    NOT NULL REFERENCES sandbox_registry_people (national_id),
        status          text        NOT NULL,
        issued_on       date        NOT NULL,
        expires_on      date        NOT NULL,
        status_reason   text,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sandbox_registry_passports_holder_idx ON sandbox_registry_passports (national_id)`);
  }

  private async createSadad(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE sandbox_sadad_bill_number_seq START 700100000001`);
    await db.query(`
      CREATE TABLE sandbox_sadad_bills (
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
    await db.query(
      `CREATE INDEX sandbox_sadad_bills_expiry_idx ON sandbox_sadad_bills (expires_at) WHERE status = 'UNPAID'`,
    );
  }

  private async createPrintCentre(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE sandbox_passport_number_seq START 10000001`);
    await db.query(`
      CREATE TABLE sandbox_print_jobs (
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
      `CREATE INDEX sandbox_print_jobs_due_idx ON sandbox_print_jobs (due_at) WHERE status IN ('QUEUED', 'PRINTING')`,
    );
  }

  private async createWasel(db: QueryRunner): Promise<void> {
    // Plain text columns: what Wasel holds is checked when read, as a partner's data must be.
    await db.query(`
      CREATE TABLE sandbox_wasel_subscriptions (
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
    await db.query(`CREATE SEQUENCE sandbox_tracking_number_seq START 40000001`);
    await db.query(`
      CREATE TABLE sandbox_shipments (
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
      `CREATE INDEX sandbox_shipments_due_idx ON sandbox_shipments (next_event_at) WHERE next_event_at IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE sandbox_carrier_events (
        event_id        uuid PRIMARY KEY,
        tracking_number text        NOT NULL REFERENCES sandbox_shipments (tracking_number),
        type            text        NOT NULL,
        proof           text,
        reason          text,
        occurred_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sandbox_carrier_events_shipment_idx ON sandbox_carrier_events (tracking_number)`);
    await db.query(`CREATE SEQUENCE sandbox_loss_claim_seq START 1`);
    await db.query(`
      CREATE TABLE sandbox_loss_claims (
        claim_id        text PRIMARY KEY,
        claim_key       text          NOT NULL UNIQUE,
        tracking_number text          NOT NULL REFERENCES sandbox_shipments (tracking_number),
        liability_sar   numeric(12,2) NOT NULL,
        status          text          NOT NULL DEFAULT 'OPEN',
        opened_at       timestamptz   NOT NULL DEFAULT now()
      )`);
  }

  private async createSms(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sandbox_sms_outbox (
        message_id  text PRIMARY KEY,
        message_key text        NOT NULL UNIQUE,
        to_mobile   text        NOT NULL,
        body        text        NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sandbox_sms_outbox_mobile_idx ON sandbox_sms_outbox (to_mobile, accepted_at)`);
  }

  private async createWebhookOutbox(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sandbox_webhook_outbox (
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
      `CREATE INDEX sandbox_webhook_outbox_due_idx ON sandbox_webhook_outbox (next_attempt_at) WHERE status = 'PENDING'`,
    );
  }

  private async seed(db: QueryRunner): Promise<void> {
    for (const [index, person] of SEED_PEOPLE.entries()) {
      await db.query(
        `INSERT INTO sandbox_registry_people (national_id, name_ar, name_en, date_of_birth, nationality, mobile,
                                              photo_ref, travel_ban, unpaid_fines_sar, biometrics_on_record)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          person.nationalId,
          person.nameAr,
          person.nameEn,
          person.dateOfBirth,
          person.nationality,
          person.mobile,
          `NICPH-${String(index + 1).padStart(6, '0')}`,
          person.travelBan ?? false,
          person.unpaidFinesSar ?? 0,
          person.biometricsOnRecord ?? true,
        ],
      );
      for (const passport of person.passports) {
        await db.query(
          `INSERT INTO sandbox_registry_passports (passport_number, national_id, status, issued_on, expires_on,
                                                   status_reason)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            passport.passportNumber,
            person.nationalId,
            passport.status,
            passport.issuedOn,
            passport.expiresOn,
            passport.statusReason ?? null,
          ],
        );
      }
      const address = person.address;
      if (address) {
        await db.query(
          `INSERT INTO sandbox_wasel_subscriptions (national_id, building_number, street, district, city, postal_code,
                                                    additional_number, unit_number, short_address, subscribed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '2024-01-01T09:00:00+03:00')`,
          [
            person.nationalId,
            address.buildingNumber,
            address.street,
            address.district,
            address.city,
            address.postalCode,
            address.additionalNumber,
            address.unitNumber ?? null,
            address.shortAddress ?? null,
          ],
        );
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'sandbox_webhook_outbox',
      'sandbox_sms_outbox',
      'sandbox_loss_claims',
      'sandbox_carrier_events',
      'sandbox_shipments',
      'sandbox_wasel_subscriptions',
      'sandbox_print_jobs',
      'sandbox_sadad_bills',
      'sandbox_registry_passports',
      'sandbox_registry_people',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    for (const sequence of [
      'sandbox_loss_claim_seq',
      'sandbox_tracking_number_seq',
      'sandbox_passport_number_seq',
      'sandbox_sadad_bill_number_seq',
    ]) {
      await db.query(`DROP SEQUENCE ${sequence}`);
    }
  }
}
