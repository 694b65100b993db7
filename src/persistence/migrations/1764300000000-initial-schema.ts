import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read model, the audit trail, and the registry and print-centre sandboxes. */
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

    await db.query(`
      CREATE TABLE sandbox_registry_people (
        national_id          char(10) PRIMARY KEY,
        name_ar              text     NOT NULL,
        name_en              text     NOT NULL,
        date_of_birth        date     NOT NULL,
        nationality          text     NOT NULL,
        mobile               text     NOT NULL,
        travel_ban           boolean  NOT NULL DEFAULT false,
        unpaid_fines_sar     integer  NOT NULL DEFAULT 0,
        biometrics_on_record boolean  NOT NULL DEFAULT true
      )`);
    await db.query(`
      CREATE TABLE sandbox_registry_passports (
        passport_number text PRIMARY KEY,
        national_id     char(10) NOT NULL REFERENCES sandbox_registry_people (national_id),
        status          text     NOT NULL,
        issued_on       date     NOT NULL,
        expires_on      date     NOT NULL,
        status_reason   text
      )`);
    await db.query(`CREATE INDEX sandbox_registry_passports_holder_idx ON sandbox_registry_passports (national_id)`);

    await db.query(`CREATE SEQUENCE sandbox_passport_number_seq START 10000001`);
    await db.query(`
      CREATE TABLE sandbox_print_jobs (
        job_key          text PRIMARY KEY,
        office_id        text        NOT NULL,
        passport_number  text        NOT NULL UNIQUE,
        issued_on        date        NOT NULL,
        expires_on       date        NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      INSERT INTO sandbox_registry_people
        (national_id, name_ar, name_en, date_of_birth, nationality, mobile, travel_ban, unpaid_fines_sar, biometrics_on_record)
      VALUES
        ('1058529940', 'محمد عبدالله العتيبي', 'MOHAMMED ABDULLAH ALOTAIBI', '1985-03-14', 'SA', '+966501234567', false, 0, true),
        ('1000000008', 'نورة سعد القحطاني',   'NOURAH SAAD ALQAHTANI',     '1992-11-02', 'SA', '+966551112233', false, 0, true),
        ('1012345672', 'خالد فهد الدوسري',     'KHALID FAHAD ALDOSARI',     '1978-07-21', 'SA', '+966562223344', true,  0, true),
        ('1023456781', 'سارة ناصر الشهري',     'SARAH NASSER ALSHEHRI',     '1999-01-09', 'SA', '+966533334455', false, 0, true),
        ('2012345670', 'جون سميث',             'JOHN SMITH',                '1980-05-05', 'GB', '+966544445566', false, 0, true)`);
    await db.query(`
      INSERT INTO sandbox_registry_passports (passport_number, national_id, status, issued_on, expires_on)
      VALUES
        ('N1234567', '1058529940', 'VALID',   '2019-04-01', '2026-12-20'),
        ('P7654321', '1000000008', 'EXPIRED', '2016-02-10', '2021-02-09'),
        ('K5550001', '1012345672', 'VALID',   '2020-06-15', '2027-06-14'),
        ('S3332221', '1023456781', 'LOST',    '2021-09-01', '2026-08-31')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sandbox_print_jobs`);
    await db.query(`DROP SEQUENCE sandbox_passport_number_seq`);
    await db.query(`DROP TABLE sandbox_registry_passports`);
    await db.query(`DROP TABLE sandbox_registry_people`);
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only`);
    await db.query(`DROP TABLE renewals`);
  }
}
