import { invalidRequest } from '../../../src/integrations/errors';
import type { Route } from '../http/router';
import type { SaudiPost } from '../../../src/integrations/saudi-post/port';
import {
  readLossClaimDispute,
  readLossClaimRequest,
  readShipmentRequest,
} from '../../../src/integrations/saudi-post/wire';

/** Saudi Post's side of the wire format, served by the sandbox HTTP server over any `SaudiPost`. */
export function saudiPostRoutes(saudiPost: SaudiPost): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/shipments',
      handle: async ({ body }) => ({
        status: 200,
        body: await saudiPost.createShipment(readShipmentRequest(body, invalidRequest)),
      }),
    },
    {
      method: 'GET',
      path: '/v1/shipments/:trackingNumber',
      handle: async ({ params }) => {
        const shipment = await saudiPost.getShipment(params.trackingNumber);
        return shipment ? { status: 200, body: shipment } : { status: 404, body: { code: 'UnknownTrackingNumber' } };
      },
    },
    {
      method: 'POST',
      path: '/v1/shipments/:trackingNumber/recall',
      handle: async ({ params }) => {
        await saudiPost.recallShipment(params.trackingNumber);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: '/v1/loss-claims',
      handle: async ({ body }) => ({
        status: 200,
        body: await saudiPost.openLossClaim(readLossClaimRequest(body, invalidRequest)),
      }),
    },
    {
      method: 'POST',
      path: '/v1/loss-claims/:claimKey/dispute',
      handle: async ({ params, body }) => ({
        status: 200,
        body: await saudiPost.disputeLossClaim(readLossClaimDispute(params.claimKey, body, invalidRequest)),
      }),
    },
  ];
}
