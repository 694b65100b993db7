import type { Queryable } from '../sql';

/**
 * What the partner simulator keeps only for a while: webhooks that are
 * settled (delivered, refused or given up), SMS messages sent, and the
 * carrier events of shipments that have ended. Pending webhooks and moving
 * shipments are never touched.
 */
const PURGES: Array<{ table: string; key: string; settledAndOlder: string }> = [
  {
    table: 'sandbox.webhook_outbox',
    key: 'id',
    settledAndOlder: `status <> 'PENDING' AND created_at < $1`,
  },
  { table: 'sandbox.sms_outbox', key: 'message_id', settledAndOlder: `accepted_at < $1` },
  {
    table: 'sandbox.carrier_events',
    key: 'event_id',
    settledAndOlder: `occurred_at < $1 AND tracking_number IN
      (SELECT tracking_number FROM sandbox.shipments WHERE next_event_at IS NULL)`,
  },
];

/** Runner step: deletes one batch per table of what is past `retentionMs`; returns how many rows went. */
export async function purgeSettledRecords(db: Queryable, retentionMs: number, batchSize: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionMs);
  let deleted = 0;
  for (const { table, key, settledAndOlder } of PURGES) {
    const [, count] = (await db.query(
      `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE ${settledAndOlder} LIMIT $2)`,
      [cutoff, batchSize],
    )) as [unknown, number];
    deleted += count;
  }
  return deleted;
}
