import type { CarrierEventType } from '../../../workflows/contract';

/**
 * Saudi Post: the dedicated envelope, the shipment, its tracking events (which
 * reach us by signed webhook) and the carrier's liability for lost documents.
 */

export type ShipmentStatus = 'CREATED' | CarrierEventType | 'RECALLED';

export interface ShipmentRequest {
  /** Idempotency key: one shipment per (renewal, issue number). */
  shipmentKey: string;
  /** Printed on the envelope; carries no personal data (the carrier looks the recipient up by it). */
  envelopeBarcode: string;
  /** Office handing the envelope to the carrier, and where returns go. */
  originOfficeId: string;
  /** Where the carrier delivers: the recipient's short national address or postal code only. */
  destinationPostalCode: string;
}

export interface Shipment {
  shipmentKey: string;
  trackingNumber: string;
  envelopeBarcode: string;
  status: ShipmentStatus;
}

export interface LossClaimRequest {
  /** Idempotency key: one claim per lost shipment. */
  claimKey: string;
  trackingNumber: string;
  /** What the carrier owes under the agreement: the cost of reissuing the document. */
  liabilitySar: number;
}

export interface LossClaim {
  claimId: string;
  trackingNumber: string;
  liabilitySar: number;
  status: 'OPEN' | 'ACCEPTED' | 'SETTLED';
}

export interface SaudiPost {
  createShipment(request: ShipmentRequest): Promise<Shipment>;
  getShipment(trackingNumber: string): Promise<Shipment | undefined>;
  /** Asks the carrier to bring the envelope back to the origin office; harmless when repeated. */
  recallShipment(trackingNumber: string): Promise<void>;
  openLossClaim(request: LossClaimRequest): Promise<LossClaim>;
}
