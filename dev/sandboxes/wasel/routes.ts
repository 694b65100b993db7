import { invalidRequest } from '../../../src/integrations/errors';
import type { Route } from '../http/router';
import { WireReader } from '../../../src/integrations/http/wire-reader';
import type { Wasel } from '../../../src/integrations/wasel/port';

/** Wasel's side of the wire format, served by the sandbox HTTP server over any `Wasel`. */
export function waselRoutes(wasel: Wasel): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/addresses/lookup',
      handle: async ({ body }) => ({
        status: 200,
        body: await wasel.lookUpAddress(WireReader.of(body, invalidRequest).string('nationalId')),
      }),
    },
  ];
}
