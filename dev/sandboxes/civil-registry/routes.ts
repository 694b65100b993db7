import { invalidRequest } from '../../../src/integrations/errors';
import type { Route } from '../http/router';
import { WireReader } from '../../../src/integrations/http/wire-reader';
import type { CivilRegistry } from '../../../src/integrations/civil-registry/port';
import { readPrintedPassport } from '../../../src/integrations/civil-registry/wire';

const nationalIdOf = (body: unknown) => WireReader.of(body, invalidRequest).string('nationalId');
const reasonOf = (body: unknown) => WireReader.of(body, invalidRequest).string('reason');

/** The registry's side of the wire format, served by the sandbox HTTP server over any `CivilRegistry`. */
export function civilRegistryRoutes(registry: CivilRegistry): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/citizens/lookup',
      handle: async ({ body }) => found(await registry.lookUpCitizen(nationalIdOf(body))),
    },
    {
      method: 'POST',
      path: '/v1/citizens/profile-lookup',
      handle: async ({ body }) => found(await registry.lookUpProfile(nationalIdOf(body))),
    },
    {
      method: 'PUT',
      path: '/v1/passports/:passportNumber',
      handle: async ({ params, body }) => {
        await registry.recordPrintedPassport(readPrintedPassport(params.passportNumber, body, invalidRequest));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/passports/:passportNumber/activation',
      handle: async ({ params }) => {
        await registry.activatePassport(params.passportNumber);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/passports/:passportNumber/cancellation',
      handle: async ({ params, body }) => {
        await registry.cancelPassport(params.passportNumber, reasonOf(body));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/passports/:passportNumber/voiding',
      handle: async ({ params, body }) => {
        await registry.voidPassport(params.passportNumber, reasonOf(body));
        return { status: 204 };
      },
    },
  ];
}

function found(document: object | undefined) {
  return document ? { status: 200, body: document } : { status: 404, body: { code: 'CitizenNotFound' } };
}
