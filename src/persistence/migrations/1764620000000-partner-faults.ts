import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Faults and housekeeping:
 * - a shipment is recorded before the carrier is asked, so its tracking number
 *   is unknown (null) until the carrier answers;
 * - operator alerts are audit lines, listed across renewals by action and time;
 * - idempotency keys and webhook receipts are purged by age, oldest first.
 */
export class PartnerFaults1764620000000 implements MigrationInterface {
  name = 'PartnerFaults1764620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipments ALTER COLUMN tracking_number DROP NOT NULL`);
    await db.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at)`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
    await db.query(`CREATE INDEX webhook_receipts_received_idx ON webhook_receipts (received_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_receipts_received_idx`);
    await db.query(`DROP INDEX idempotency_keys_created_idx`);
    await db.query(`DROP INDEX audit_events_action_idx`);
    await db.query(`ALTER TABLE shipments ALTER COLUMN tracking_number SET NOT NULL`);
  }
}
