import { setHandler } from '@temporalio/workflow';
import { answered } from './compensation';
import { type IssuedBill, type PaymentReceived, paymentReceivedSignal } from './contract';
import type { RenewalContext } from './renewal-context';
import { after, waitUntil } from './timing';

/** How collecting the fee ended: paid, the bill expired unpaid (and withdrawn), or SADAD never issued it. */
export type Collection = 'PAID' | 'EXPIRED' | 'NOT_ISSUED';

/**
 * SADAD: a bill for the fee (plus postage), paid by the citizen and reported
 * by signal. An unpaid bill is withdrawn at its expiry; once paid, undoing the
 * renewal means refunding the payment rather than withdrawing the bill. Issuing
 * the bill runs on the AWAITING_PAYMENT stage's clock: a SADAD that does not
 * issue it by the hard limit fails the renewal, before anything is paid.
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

  /** Whether `amountSar` was paid, the bill expired unpaid (and was withdrawn), or was never issued. */
  async collect(amountSar: number): Promise<Collection> {
    const { input, tracker, compensation } = this.renewal;
    const { renewalId } = input;
    const request = {
      renewalId,
      nationalId: input.nationalId,
      amountSar,
      expiresAt: after(input.policy.paymentWindowMs).toISOString(),
    };
    // Pushed before asking: an issue given up on may still have landed, so undoing asks again (SADAD issues one
    // bill per renewal key) and withdraws whichever bill that is.
    compensation.push('BILL', 'BILL_CANCELLED', async (_reason, clock) => {
      const issued = await clock.call('issueBill', request);
      if (!issued) return false;
      return answered(await clock.call('cancelBill', { renewalId, billNumber: issued.answer.billNumber }));
    });
    const clock = tracker.startClock(input.policy.billIssueDeadlineMs, { kind: 'BILL_ISSUE_OVERDUE', details: {} });
    // The stage is entered now and its clock runs from here; its line is written with the bill (or the alert).
    await tracker.enter('AWAITING_PAYMENT', { deferred: true });
    const issued = await clock.call('issueBill', request);
    if (!issued) return 'NOT_ISSUED';
    const bill = issued.answer;
    this.bill = bill;
    compensation.push('BILL', 'BILL_CANCELLED', async (_reason, undo) =>
      answered(await undo.call('cancelBill', { renewalId, billNumber: bill.billNumber })),
    );
    for (const payment of this.early.splice(0)) this.weigh(payment, bill);
    const expiresAt = new Date(bill.expiresAt);
    await tracker.moveDeadline(expiresAt, {
      notices: [
        {
          notice: 'BILL_ISSUED',
          params: { billNumber: bill.billNumber, amountSar: bill.amountSar, until: expiresAt.toISOString() },
        },
      ],
    });
    // The bill's expiry is the citizen's to meet, not a partner's: it ends the stage, with no alert before.
    if (!(await waitUntil(() => this.payment !== undefined, expiresAt))) {
      await compensation.undo('BILL', 'BILL_EXPIRED');
      return 'EXPIRED';
    }
    // Told, and our mirror of the bill marked paid, with the next write (the flow decides when).
    tracker.defer(undefined, undefined, {
      notices: [{ notice: 'PAYMENT_RECEIVED', params: {} }],
      paidBillNumber: bill.billNumber,
    });
    return 'PAID';
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
    compensation.push('PAYMENT', 'PAYMENT_REFUNDED', async (reason, clock) =>
      answered(await clock.call('refundBill', { renewalId: input.renewalId, billNumber: bill.billNumber, reason })),
    );
  }
}
