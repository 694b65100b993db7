/** SADAD, the national bill payment system: the renewal fee is paid against a bill. */
export type BillStatus = 'UNPAID' | 'PAID' | 'EXPIRED' | 'CANCELLED' | 'REFUNDED';

export interface BillRequest {
  /** Idempotency key: issuing the same bill twice returns the first one. */
  billKey: string;
  nationalId: string;
  amountSar: number;
  /** When the bill stops being payable. */
  expiresAt: string;
  description: string;
}

export interface Bill {
  billNumber: string;
  amountSar: number;
  status: BillStatus;
  expiresAt: string;
  paidAt?: string;
}

export interface Sadad {
  issueBill(request: BillRequest): Promise<Bill>;
  getBill(billNumber: string): Promise<Bill | undefined>;
  /** Withdraws an unpaid bill; harmless when already cancelled or expired. */
  cancelBill(billNumber: string): Promise<void>;
  /** Refunds a paid bill; harmless when already refunded. */
  refundBill(billNumber: string, reason: string): Promise<void>;
}
