import type { DataSource } from 'typeorm';
import { type BillRequest, billKey, type IssuedBill } from '../workflows/contract';
import type { Bill, Sadad } from '../src/integrations/sadad/port';

/** SADAD activities. Every bill is mirrored in `bills` so the payment webhook can be routed and audited. */
export function createPaymentActivities(sadad: Sadad, dataSource: DataSource) {
  async function mirror(key: string, renewalId: string, bill: Bill): Promise<void> {
    await dataSource.query(
      `INSERT INTO bills (bill_key, renewal_id, bill_number, amount_sar, status, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (bill_key) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
      [key, renewalId, bill.billNumber, bill.amountSar, bill.status, bill.expiresAt],
    );
  }

  return {
    async issueBill(input: BillRequest): Promise<IssuedBill> {
      const key = billKey(input.renewalId);
      const bill = await sadad.issueBill({
        billKey: key,
        nationalId: input.nationalId,
        amountSar: input.amountSar,
        expiresAt: input.expiresAt,
        description: 'Passport renewal',
      });
      await mirror(key, input.renewalId, bill);
      return { billNumber: bill.billNumber, amountSar: bill.amountSar, expiresAt: bill.expiresAt };
    },

    async cancelBill(input: { renewalId: string; billNumber: string }): Promise<void> {
      await sadad.cancelBill(input.billNumber);
      await dataSource.query(`UPDATE bills SET status = 'CANCELLED', updated_at = now() WHERE bill_number = $1`, [
        input.billNumber,
      ]);
    },

    async refundBill(input: { renewalId: string; billNumber: string; reason: string }): Promise<void> {
      await sadad.refundBill(input.billNumber, input.reason);
      await dataSource.query(`UPDATE bills SET status = 'REFUNDED', updated_at = now() WHERE bill_number = $1`, [
        input.billNumber,
      ]);
    },

    /** Marks the mirror paid when the payment signal arrives. */
    async recordPayment(input: { billNumber: string }): Promise<void> {
      await dataSource.query(`UPDATE bills SET status = 'PAID', updated_at = now() WHERE bill_number = $1`, [
        input.billNumber,
      ]);
    },
  };
}
