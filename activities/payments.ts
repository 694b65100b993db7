import { type BillRequest, billKey, type IssuedBill } from '../workflows/contract';
import type { Sadad } from '../src/integrations/sadad/port';
import type { BillsRepository } from '../src/persistence/repositories/bills.repository';

/** SADAD activities. Every bill is mirrored in `bills` so the payment webhook can be routed and audited. */
export function createPaymentActivities(sadad: Sadad, bills: BillsRepository) {
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
      await bills.recordIssued({
        billKey: key,
        renewalId: input.renewalId,
        billNumber: bill.billNumber,
        amountSar: bill.amountSar,
        status: bill.status,
        expiresAt: bill.expiresAt,
      });
      return { billNumber: bill.billNumber, amountSar: bill.amountSar, expiresAt: bill.expiresAt };
    },

    async cancelBill(input: { renewalId: string; billNumber: string }): Promise<void> {
      await sadad.cancelBill(input.billNumber);
      await bills.markCancelled(input.billNumber);
    },

    async refundBill(input: { renewalId: string; billNumber: string; reason: string }): Promise<void> {
      await sadad.refundBill(input.billNumber, input.reason);
      await bills.markRefunded(input.billNumber);
    },
  };
}
