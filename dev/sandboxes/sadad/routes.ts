import { invalidRequest } from '../../../src/integrations/errors';
import type { Route } from '../http/router';
import { WireReader } from '../../../src/integrations/http/wire-reader';
import type { Sadad } from '../../../src/integrations/sadad/port';
import { readBillRequest } from '../../../src/integrations/sadad/wire';

/** SADAD's side of the wire format, served by the sandbox HTTP server over any `Sadad`. */
export function sadadRoutes(sadad: Sadad): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/bills',
      handle: async ({ body }) => ({ status: 200, body: await sadad.issueBill(readBillRequest(body, invalidRequest)) }),
    },
    {
      method: 'GET',
      path: '/v1/bills/:billNumber',
      handle: async ({ params }) => {
        const bill = await sadad.getBill(params.billNumber);
        return bill ? { status: 200, body: bill } : { status: 404, body: { code: 'BillNotFound' } };
      },
    },
    {
      method: 'POST',
      path: '/v1/bills/:billNumber/cancellation',
      handle: async ({ params }) => {
        await sadad.cancelBill(params.billNumber);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/bills/:billNumber/refund',
      handle: async ({ params, body }) => {
        await sadad.refundBill(params.billNumber, WireReader.of(body, invalidRequest).string('reason'));
        return { status: 204 };
      },
    },
  ];
}
