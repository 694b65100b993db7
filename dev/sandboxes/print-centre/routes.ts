import { invalidRequest } from '../../../src/integrations/errors';
import type { Route } from '../http/router';
import type { PrintCentre } from '../../../src/integrations/print-centre/port';
import { readPrintOrder } from '../../../src/integrations/print-centre/wire';

/** The print centre's side of the wire format, served by the sandbox HTTP server over any `PrintCentre`. */
export function printCentreRoutes(printCentre: PrintCentre): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/jobs',
      handle: async ({ body }) => ({
        status: 200,
        body: await printCentre.submit(readPrintOrder(body, invalidRequest)),
      }),
    },
    {
      method: 'GET',
      path: '/v1/jobs/:jobKey',
      handle: async ({ params }) => {
        const job = await printCentre.getJob(params.jobKey);
        return job ? { status: 200, body: job } : { status: 404, body: { code: 'PrintJobNotFound' } };
      },
    },
    {
      method: 'POST',
      path: '/v1/jobs/:jobKey/cancellation',
      handle: async ({ params }) => {
        await printCentre.cancel(params.jobKey);
        return { status: 204 };
      },
    },
  ];
}
