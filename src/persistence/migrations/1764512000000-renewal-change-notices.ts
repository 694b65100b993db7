import { MigrationInterface, QueryRunner } from 'typeorm';
import { RENEWAL_CHANGES_CHANNEL } from '../renewal-changes';

/**
 * Every change of a renewal's read-model row is announced on a PostgreSQL
 * channel when its transaction commits, so each API replica can push it to the
 * citizens following that renewal (server-sent events) without polling. The
 * notice names the renewal and its new stage only: no personal data.
 */
export class RenewalChangeNotices1764512000000 implements MigrationInterface {
  name = 'RenewalChangeNotices1764512000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_renewal_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${RENEWAL_CHANGES_CHANNEL}', json_build_object(
          'renewalId', NEW.renewal_id,
          'sequence', NEW.last_sequence,
          'stage', NEW.stage,
          'slaBreached', NEW.sla_breached,
          'stageDeadline', NEW.stage_deadline
        )::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER renewals_notify_change
        AFTER INSERT OR UPDATE ON renewals
        FOR EACH ROW EXECUTE FUNCTION notify_renewal_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER renewals_notify_change ON renewals`);
    await db.query(`DROP FUNCTION notify_renewal_change()`);
  }
}
