import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { invalidRequest, permanentFailure } from '../../../src/integrations/errors';
import { personIdProblem } from '../../../src/integrations/identity';
import type { FaultInjector } from '../faults';
import { enqueueWebhook } from '../runner/webhook-outbox';
import { isoTimestamp, queryRow, type Queryable } from '../sql';
import type { Bill, BillRequest, BillStatus, Sadad } from '../../../src/integrations/sadad/port';

interface BillRow {
  bill_number: string;
  bill_key: string;
  amount_sar: string;
  status: BillStatus;
  expires_at: Date;
  paid_at: Date | null;
  payment_id: string | null;
}

/** What the payer's bank reports once a bill is paid; the same fields go out in the `sadad` webhook. */
export interface SadadPayment {
  paymentId: string;
  billNumber: string;
  billReference: string;
  amountSar: number;
  paidAt: string;
}

// A bill past its expiry is EXPIRED even before the runner has written it down.
const BILL_COLUMNS = `bill_number, bill_key, amount_sar,
  CASE WHEN status = 'UNPAID' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status,
  expires_at, paid_at, payment_id`;

/**
 * SADAD on its own table, `sandbox.sadad_bills`: bills are issued once per
 * bill key, paid through `payBill` (the citizen at their bank), expire at
 * `expiresAt` (see `expireDueBills`), and can be cancelled or refunded.
 */
export class SandboxSadad implements Sadad {
  constructor(
    private readonly db: DataSource,
    private readonly faults: FaultInjector,
    private readonly webhookBaseUrl: string,
  ) {}

  issueBill(request: BillRequest): Promise<Bill> {
    return this.faults.call('issueBill', async () => {
      validate(request);
      await this.db.query(
        `INSERT INTO sandbox.sadad_bills (bill_number, bill_key, national_id, amount_sar, description, expires_at)
         VALUES (lpad(nextval('sandbox.sadad_bill_number_seq')::text, 12, '0'), $1, $2, $3, $4, $5)
         ON CONFLICT (bill_key) DO NOTHING`,
        [request.billKey, request.nationalId, request.amountSar, request.description, request.expiresAt],
      );
      const row = await queryRow<BillRow>(
        this.db,
        `SELECT ${BILL_COLUMNS} FROM sandbox.sadad_bills WHERE bill_key = $1`,
        [request.billKey],
      );
      return toBill(row!);
    });
  }

  getBill(billNumber: string): Promise<Bill | undefined> {
    return this.faults.call('getBill', async () => {
      const row = await this.bill(this.db, billNumber);
      return row && toBill(row);
    });
  }

  cancelBill(billNumber: string): Promise<void> {
    return this.faults.call('cancelBill', async () => {
      const row = await this.settle(billNumber, 'CANCELLED', 'UNPAID', null);
      if (row.status === 'PAID' || row.status === 'REFUNDED') {
        throw permanentFailure('BillAlreadyPaid', `bill is ${row.status}: refund it instead`);
      }
    });
  }

  refundBill(billNumber: string, reason: string): Promise<void> {
    return this.faults.call('refundBill', async () => {
      const row = await this.settle(billNumber, 'REFUNDED', 'PAID', reason);
      if (row.status !== 'REFUNDED') throw permanentFailure('BillNotPaid', `bill is ${row.status}: nothing to refund`);
    });
  }

  /**
   * The citizen pays the bill at their bank (sandbox control, not part of the
   * port): the bill becomes PAID and SADAD notifies us through the webhook.
   * Paying a paid bill again returns the first payment.
   */
  async payBill(billNumber: string): Promise<SadadPayment> {
    return this.db.transaction(async (tx) => {
      const paid = await queryRow<BillRow>(
        tx,
        `UPDATE sandbox.sadad_bills SET status = 'PAID', paid_at = now(), payment_id = $2, updated_at = now()
          WHERE bill_number = $1 AND status = 'UNPAID' AND expires_at > now()
          RETURNING ${BILL_COLUMNS}`,
        [billNumber, randomUUID()],
      );
      const row = paid ?? (await this.bill(tx, billNumber));
      if (!row) throw permanentFailure('BillNotFound', 'SADAD has no such bill', { field: 'billNumber' });
      if (row.status !== 'PAID') throw permanentFailure('BillNotPayable', `bill is ${row.status}`);
      const payment = toPayment(row);
      if (paid) {
        await enqueueWebhook(tx, this.webhookBaseUrl, {
          id: payment.paymentId,
          partner: 'sadad',
          payload: { ...payment },
        });
      }
      return payment;
    });
  }

  /** Moves an existing bill from `from` to `target`; returns the bill as it ends up. */
  private async settle(billNumber: string, target: BillStatus, from: BillStatus, reason: string | null) {
    await this.db.query(
      `UPDATE sandbox.sadad_bills SET status = $2, status_reason = $4, updated_at = now()
        WHERE bill_number = $1 AND status = $3 AND (status <> 'UNPAID' OR expires_at > now())`,
      [billNumber, target, from, reason],
    );
    const row = await this.bill(this.db, billNumber);
    if (!row) throw permanentFailure('BillNotFound', 'SADAD has no such bill', { field: 'billNumber' });
    return row;
  }

  private bill(db: Queryable, billNumber: string): Promise<BillRow | undefined> {
    return queryRow<BillRow>(db, `SELECT ${BILL_COLUMNS} FROM sandbox.sadad_bills WHERE bill_number = $1`, [
      billNumber,
    ]);
  }
}

function validate(request: BillRequest): void {
  if (!request.billKey?.trim()) throw invalidRequest('billKey', 'is required');
  const idProblem = personIdProblem(request.nationalId ?? '');
  if (idProblem) throw invalidRequest('nationalId', idProblem);
  const halalas = request.amountSar * 100;
  if (!Number.isFinite(halalas) || halalas <= 0 || Math.abs(halalas - Math.round(halalas)) > 1e-6) {
    throw invalidRequest('amountSar', 'must be a positive amount in riyals with at most 2 decimals');
  }
  if (Number.isNaN(Date.parse(request.expiresAt))) throw invalidRequest('expiresAt', 'must be an ISO 8601 timestamp');
  if (!request.description?.trim()) throw invalidRequest('description', 'is required');
}

function toBill(row: BillRow): Bill {
  return {
    billNumber: row.bill_number,
    amountSar: Number(row.amount_sar),
    status: row.status,
    expiresAt: isoTimestamp(row.expires_at),
    ...(row.paid_at ? { paidAt: isoTimestamp(row.paid_at) } : {}),
  };
}

function toPayment(row: BillRow): SadadPayment {
  return {
    paymentId: row.payment_id!,
    billNumber: row.bill_number,
    billReference: row.bill_key,
    amountSar: Number(row.amount_sar),
    paidAt: isoTimestamp(row.paid_at!),
  };
}
