import type { EntityManager } from 'typeorm';
import { BillRecord, type BillStatus } from '../entities/bill.entity';

export interface IssuedBillRow {
  billKey: string;
  renewalId: string;
  billNumber: string;
  amountSar: number;
  status: BillStatus;
  expiresAt: string;
}

/** Our mirror of the renewals' SADAD bills. */
export class BillsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Issuing the same bill again (a retried activity) keeps one row and takes SADAD's latest status. */
  async recordIssued(bill: IssuedBillRow): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(BillRecord)
      .values({ ...bill, expiresAt: new Date(bill.expiresAt) })
      .orUpdate(['status'], ['bill_key'])
      .updateEntity(false)
      .execute();
  }

  byKey(billKey: string): Promise<BillRecord | null> {
    return this.manager.findOne(BillRecord, { where: { billKey } });
  }

  markPaid(billNumber: string): Promise<void> {
    return this.setStatus(billNumber, 'PAID');
  }

  markCancelled(billNumber: string): Promise<void> {
    return this.setStatus(billNumber, 'CANCELLED');
  }

  markRefunded(billNumber: string): Promise<void> {
    return this.setStatus(billNumber, 'REFUNDED');
  }

  private async setStatus(billNumber: string, status: BillStatus): Promise<void> {
    await this.manager.update(BillRecord, { billNumber }, { status });
  }
}
