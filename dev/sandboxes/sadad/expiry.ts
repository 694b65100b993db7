import { queryRows, type Queryable } from '../sql';

/** Runner step: unpaid bills past their expiry become EXPIRED (SADAD sends no webhook for it). */
export async function expireDueBills(db: Queryable, batchSize: number): Promise<number> {
  const expired = await queryRows<{ bill_number: string }>(
    db,
    `UPDATE sandbox.sadad_bills SET status = 'EXPIRED', updated_at = now()
      WHERE bill_number IN (SELECT bill_number FROM sandbox.sadad_bills
                             WHERE status = 'UNPAID' AND expires_at <= now()
                             ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING bill_number`,
    [batchSize],
  );
  return expired.length;
}
