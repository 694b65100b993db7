import type { HttpAdapterConfig } from '../../config/integrations';
import { PartnerHttpClient, segment } from '../http/client';
import type { LossClaim, LossClaimDispute, LossClaimRequest, SaudiPost, Shipment, ShipmentRequest } from './port';
import { readLossClaim, readShipment } from './wire';

/** Saudi Post's shipment API over HTTP; tracking events come back by webhook. */
export class HttpSaudiPost implements SaudiPost {
  private readonly client: PartnerHttpClient;

  constructor(config: HttpAdapterConfig) {
    this.client = new PartnerHttpClient('saudi-post', config);
  }

  async createShipment(request: ShipmentRequest): Promise<Shipment> {
    return readShipment(
      await this.client.json('createShipment', 'POST', '/v1/shipments', request),
      this.client.malformed,
    );
  }

  async getShipment(trackingNumber: string): Promise<Shipment | undefined> {
    const body = await this.client.find('getShipment', 'GET', `/v1/shipments/${segment(trackingNumber)}`);
    return body === undefined ? undefined : readShipment(body, this.client.malformed);
  }

  async recallShipment(trackingNumber: string): Promise<void> {
    const path = `/v1/shipments/${segment(trackingNumber)}/recall`;
    await this.client.send('recallShipment', 'POST', path, {}, 'UnknownTrackingNumber');
  }

  async openLossClaim(request: LossClaimRequest): Promise<LossClaim> {
    const body = await this.client.json('openLossClaim', 'POST', '/v1/loss-claims', request, 'UnknownTrackingNumber');
    return readLossClaim(body, this.client.malformed);
  }

  async disputeLossClaim({ claimKey, ...dispute }: LossClaimDispute): Promise<LossClaim> {
    const path = `/v1/loss-claims/${segment(claimKey)}/dispute`;
    const body = await this.client.json('disputeLossClaim', 'POST', path, dispute, 'LossClaimNotFound');
    return readLossClaim(body, this.client.malformed);
  }
}
