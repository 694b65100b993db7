import { invalidRequest } from '../../../src/integrations/errors';
import type { Route } from './router';
import { WireReader } from '../../../src/integrations/http/wire-reader';
import type { NationalAddressRecord } from '../../../src/integrations/wasel/port';
import type { Sandboxes } from '../sandboxes';

/**
 * What the outside world does to the sandboxes, over HTTP for demos and
 * end-to-end tests (docs/integrations.md, "Sandbox controls"): the citizen
 * pays a bill, subscribes to Wasel, or reads the SMS sent to their mobile.
 */
export function sandboxControlRoutes(sandboxes: Sandboxes): Route[] {
  return [
    {
      method: 'POST',
      path: '/sadad/bills/:billNumber/payment',
      handle: async ({ params }) => ({ status: 200, body: await sandboxes.sadad.payBill(params.billNumber) }),
    },
    {
      method: 'POST',
      path: '/wasel/subscriptions',
      handle: async ({ body }) => {
        const request = WireReader.of(body, invalidRequest);
        request.object('address');
        // The address parts are checked by `subscribe`, against the national address rules.
        const address = request.raw('address') as NationalAddressRecord;
        const subscription = await sandboxes.wasel.subscribe(request.string('nationalId'), address);
        return { status: subscription.created ? 201 : 200, body: subscription };
      },
    },
    {
      method: 'GET',
      path: '/sms/messages',
      handle: async ({ query }) => {
        const to = query.get('to');
        if (!to) throw invalidRequest('to', 'is required');
        return { status: 200, body: { messages: await sandboxes.sms.messagesTo(to) } };
      },
    },
  ];
}
