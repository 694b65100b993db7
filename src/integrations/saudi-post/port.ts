import type { CarrierEventType, DeliveryProof } from '../../../workflows/contract';

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
  /** DISPUTED: the carrier reported the envelope delivered after all; the liability is under review. */
  status: 'OPEN' | 'ACCEPTED' | 'SETTLED' | 'DISPUTED';
}

export interface LossClaimDispute {
  /** The claim, by the key it was opened with. */
  claimKey: string;
  /** Why: e.g. `DELIVERED_AFTER_LOSS`. */
  reason: string;
  /** The carrier's own event that contradicts the claim. */
  carrierEventId: string;
}

/**
 * A tracking event, as the carrier reports it by webhook (`saudi-post`). Like
 * a postal customer reference, it echoes the shipment key and envelope barcode
 * we gave when creating the shipment, so we can place an event even before we
 * have learnt the tracking number.
 */
export interface TrackingEvent {
  eventId: string;
  trackingNumber: string;
  shipmentKey: string;
  envelopeBarcode: string;
  type: CarrierEventType;
  occurredAt: string;
  proof?: DeliveryProof;
  reason?: string;
}

export interface SaudiPost {
  createShipment(request: ShipmentRequest): Promise<Shipment>;
  getShipment(trackingNumber: string): Promise<Shipment | undefined>;
  /** Asks the carrier to bring the envelope back to the origin office; harmless when repeated. */
  recallShipment(trackingNumber: string): Promise<void>;
  openLossClaim(request: LossClaimRequest): Promise<LossClaim>;
  /** Puts an open claim on hold for review; harmless when repeated. */
  disputeLossClaim(dispute: LossClaimDispute): Promise<LossClaim>;
}
