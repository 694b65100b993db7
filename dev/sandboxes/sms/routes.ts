import { invalidRequest } from '../../../src/integrations/errors';
import type { Route } from '../http/router';
import type { SmsGateway } from '../../../src/integrations/sms/port';
import { readSmsMessage } from '../../../src/integrations/sms/wire';

/** The SMS gateway's side of the wire format, served by the sandbox HTTP server over any `SmsGateway`. */
export function smsRoutes(sms: SmsGateway): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/messages',
      handle: async ({ body }) => ({ status: 202, body: await sms.send(readSmsMessage(body, invalidRequest)) }),
    },
  ];
}
