import { WireReader, type FieldProblem } from '../http/wire-reader';
import type { Bill, BillRequest, BillStatus } from './port';

const BILL_STATUSES: readonly BillStatus[] = ['UNPAID', 'PAID', 'EXPIRED', 'CANCELLED', 'REFUNDED'];

/** SADAD's JSON documents (docs/integrations.md), read and checked field by field. */
export function readBill(body: unknown, problem: FieldProblem): Bill {
  const bill = WireReader.of(body, problem);
  const amountSar = bill.number('amountSar');
  if (amountSar <= 0) throw bill.fail('amountSar', 'must be positive');
  const status = bill.oneOf('status', BILL_STATUSES);
  const paidAt = bill.has('paidAt') ? bill.timestamp('paidAt') : undefined;
  if ((status === 'PAID' || status === 'REFUNDED') && !paidAt) throw bill.fail('paidAt', 'is required once paid');
  return {
    billNumber: bill.checked('billNumber', (value) =>
      /^\d{6,20}$/.test(value) ? undefined : 'must be 6 to 20 digits',
    ),
    amountSar,
    status,
    expiresAt: bill.timestamp('expiresAt'),
    ...(paidAt ? { paidAt } : {}),
  };
}

export function readBillRequest(body: unknown, problem: FieldProblem): BillRequest {
  const request = WireReader.of(body, problem);
  return {
    billKey: request.string('billKey'),
    nationalId: request.string('nationalId'),
    amountSar: request.number('amountSar'),
    expiresAt: request.timestamp('expiresAt'),
    description: request.string('description'),
  };
}
