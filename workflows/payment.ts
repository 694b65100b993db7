import { setHandler } from '@temporalio/workflow';
import { payments } from './activities';
import { type IssuedBill, type PaymentReceived, paymentReceivedSignal } from './contract';
import type { RenewalContext } from './renewal-context';
import { after, waitUntil } from './timing';

/**
 * SADAD: a bill for the fee (plus postage), paid by the citizen and reported
 * by signal. An unpaid bill is withdrawn at its expiry; once paid, undoing the
 * renewal means refunding the payment rather than withdrawing the bill.
 */
export class Payment {
  private bill?: IssuedBill;
  private payment?: PaymentReceived;
  /** Payments SADAD reported before `issueBill` returned to us: weighed once the bill is known. */
  private readonly early: PaymentReceived[] = [];

  constructor(private readonly renewal: RenewalContext) {}

  /** What the citizen still owes, while the bill is unpaid. */
  get amountDueSar(): number | undefined {
    return this.bill && !this.payment ? this.bill.amountSar : undefined;
  }

  get billNumber(): string | undefined {
    return this.bill?.billNumber;
  }

  /** True once `amountSar` is paid; false if the bill expired unpaid (and was withdrawn). */
  async collect(amountSar: number): Promise<boolean> {
    const { input, tracker, compensation } = this.renewal;
    const { renewalId } = input;
    const bill = await payments.issueBill({
      renewalId,
      nationalId: input.nationalId,
      amountSar,
      expiresAt: after(input.policy.paymentWindowMs).toISOString(),
    });
    this.bill = bill;
    compensation.push('BILL', 'BILL_CANCELLED', () => payments.cancelBill({ renewalId, billNumber: bill.billNumber }));
    for (const payment of this.early.splice(0)) this.weigh(payment, bill);
    const expiresAt = new Date(bill.expiresAt);
    await tracker.enter('AWAITING_PAYMENT', {
      deadline: expiresAt,
      notice: {
        notice: 'BILL_ISSUED',
        params: { billNumber: bill.billNumber, amountSar: bill.amountSar, until: expiresAt.toISOString() },
      },
    });
    if (!(await waitUntil(() => this.payment !== undefined, expiresAt))) {
      await compensation.undo('BILL', 'BILL_EXPIRED');
      return false;
    }
    // Told, and our mirror of the bill marked paid, with the next write (the flow decides when).
    tracker.defer(undefined, undefined, {
      notices: [{ notice: 'PAYMENT_RECEIVED', params: {} }],
      paidBillNumber: bill.billNumber,
    });
    return true;
  }

  listen(): void {
    setHandler(paymentReceivedSignal, (payment: PaymentReceived) => {
      if (!this.bill) {
        // SADAD may report the payment before our issueBill call returns (its answer lost, the call retried, the
        // citizen quick): keep it for the bill rather than drop it and wait out the bill's expiry.
        this.early.push(payment);
        return;
      }
      this.weigh(payment, this.bill);
    });
  }

  /** Only a full payment of this renewal's bill counts; anything else is left for reconciliation. */
  private weigh(payment: PaymentReceived, bill: IssuedBill): void {
    if (this.payment || payment.billNumber !== bill.billNumber) return;
    if (payment.amountSar < bill.amountSar) return;
    this.payment = payment;
    // Paid: undoing the renewal now means a refund instead of withdrawing the bill.
    const { compensation, input } = this.renewal;
    compensation.resolve('BILL');
    compensation.push('PAYMENT', 'PAYMENT_REFUNDED', (reason) =>
      payments.refundBill({ renewalId: input.renewalId, billNumber: bill.billNumber, reason }),
    );
  }
}
