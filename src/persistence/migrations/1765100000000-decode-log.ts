import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The codec endpoint's access log: every decode, append-only like the audit trail. The API appends and its
 * supervisors' route reads (SELECT, INSERT to renewals_api, made by RuntimeRoles1764800000000); nothing for the
 * worker, and no UPDATE, DELETE or TRUNCATE for anyone, so the log is append-only by privilege and the trigger is
 * a second line, as for the audit trail.
 */
export class DecodeLog1765100000000 implements MigrationInterface {
  name = 'DecodeLog1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE decode_log (
        id          bigserial   PRIMARY KEY,
        decoded_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor       text        NOT NULL,
        namespace   text,
        payloads    integer     NOT NULL,
        client_ip   text,
        user_agent  text,
        origin      text
      )`);
    await db.query(`CREATE INDEX decode_log_actor_idx ON decode_log (actor, decoded_at)`);
    await db.query(`
      CREATE FUNCTION decode_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'decode_log is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER decode_log_no_rewrite BEFORE UPDATE OR DELETE ON decode_log
      FOR EACH ROW EXECUTE FUNCTION decode_log_append_only()`);
    await db.query(`GRANT SELECT, INSERT ON decode_log TO renewals_api`);
    await db.query(`GRANT USAGE ON SEQUENCE decode_log_id_seq TO renewals_api`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE decode_log`);
    await db.query(`DROP FUNCTION decode_log_append_only`);
  }
}
