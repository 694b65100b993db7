import { randomUUID } from 'node:crypto';
import type { BillRequest } from '../../src/integrations/sadad/port';
import { SEEDED } from '../../dev/sandboxes/seed-people';
import { waitFor } from '../support/wait';
import { expectPermanent } from '../support/integration-failures';
import { ADAPTER_KINDS, useHarness } from '../support/partner-harness';

const inOneHour = () => new Date(Date.now() + 3_600_000).toISOString();

function billRequest(overrides: Partial<BillRequest> = {}): BillRequest {
  return {
    billKey: `${randomUUID()}/fee`,
    nationalId: SEEDED.validPassport,
    amountSar: 335,
    expiresAt: inOneHour(),
    description: 'Passport renewal',
    ...overrides,
  };
}

describe.each(ADAPTER_KINDS)('SADAD contract (%s adapter)', (kind) => {
  const harness = useHarness();
  const sadad = () => harness().adapters(kind).sadad;

  it('issues one bill per bill key', async () => {
    const request = billRequest();
    const bill = await sadad().issueBill(request);
    expect(bill).toEqual({
      billNumber: expect.stringMatching(/^\d{12}$/),
      amountSar: 335,
      status: 'UNPAID',
      expiresAt: request.expiresAt,
    });
    await expect(sadad().issueBill(request)).resolves.toEqual(bill);
    await expect(sadad().getBill(bill.billNumber)).resolves.toEqual(bill);
    await expect(sadad().getBill('000000000000')).resolves.toBeUndefined();
  });

  it('takes a payment, reports it by signed webhook, and refunds it once', async () => {
    const request = billRequest();
    const bill = await sadad().issueBill(request);

    const payment = await harness().sandboxes.sadad.payBill(bill.billNumber);
    await expect(harness().sandboxes.sadad.payBill(bill.billNumber)).resolves.toEqual(payment);

    const paid = await sadad().getBill(bill.billNumber);
    expect(paid).toMatchObject({ status: 'PAID', paidAt: payment.paidAt });
    const webhook = await harness().webhooks.waitFor(
      (w) => w.partner === 'sadad' && w.payload.billNumber === bill.billNumber,
      'the SADAD payment webhook',
    );
    expect(webhook.id).toBe(payment.paymentId);
    expect(webhook.payload).toEqual({
      paymentId: payment.paymentId,
      billNumber: bill.billNumber,
      billReference: request.billKey,
      amountSar: 335,
      paidAt: payment.paidAt,
    });

    await expectPermanent(sadad().cancelBill(bill.billNumber), 'BillAlreadyPaid');
    await sadad().refundBill(bill.billNumber, 'operator cancelled the renewal');
    await sadad().refundBill(bill.billNumber, 'operator cancelled the renewal');
    await expect(sadad().getBill(bill.billNumber)).resolves.toMatchObject({ status: 'REFUNDED' });
    expect(harness().webhooks.withPayload('billNumber', bill.billNumber)).toHaveLength(1);
  });

  it('withdraws an unpaid bill, which can then no longer be paid', async () => {
    const bill = await sadad().issueBill(billRequest());
    await sadad().cancelBill(bill.billNumber);
    await sadad().cancelBill(bill.billNumber);
    await expect(sadad().getBill(bill.billNumber)).resolves.toMatchObject({ status: 'CANCELLED' });
    await expectPermanent(harness().sandboxes.sadad.payBill(bill.billNumber), 'BillNotPayable');
    await expectPermanent(sadad().refundBill(bill.billNumber, 'nothing was paid'), 'BillNotPaid');
  });

  it('expires an unpaid bill at its expiry time', async () => {
    const bill = await sadad().issueBill(billRequest({ expiresAt: new Date(Date.now() + 300).toISOString() }));
    await waitFor(
      async () => ((await sadad().getBill(bill.billNumber))?.status === 'EXPIRED' ? true : undefined),
      'the bill to expire',
    );
    await waitFor(async () => {
      const [row] = await harness().db.query(`SELECT status FROM sandbox.sadad_bills WHERE bill_number = $1`, [
        bill.billNumber,
      ]);
      return row.status === 'EXPIRED' ? true : undefined;
    }, 'the runner to write the expiry down');
    await expectPermanent(harness().sandboxes.sadad.payBill(bill.billNumber), 'BillNotPayable');
    // Withdrawing an expired bill is harmless.
    await sadad().cancelBill(bill.billNumber);
  });

  it('refuses unknown bills and invalid requests with typed failures', async () => {
    await expectPermanent(sadad().cancelBill('000000000000'), 'BillNotFound');
    await expectPermanent(sadad().refundBill('000000000000', 'no such bill'), 'BillNotFound');
    const invalid = await expectPermanent(sadad().issueBill(billRequest({ amountSar: -5 })), 'InvalidRequest');
    expect(invalid.message).toContain('amountSar');
    await expectPermanent(sadad().issueBill(billRequest({ nationalId: '1234567890' })), 'InvalidRequest');
  });
});
