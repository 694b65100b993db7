import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  type DispatchedShipment,
  type DispatchRequest,
  envelopeBarcode,
  type LossClaimInput,
  lossClaimKey,
  type ShipmentClosure,
  shipmentKey,
} from '../workflows/contract';
import type { SaudiPost } from '../src/integrations/saudi-post/port';
import type { Wasel } from '../src/integrations/wasel/port';

/**
 * Saudi Post activities: the dedicated envelope and its shipment, recall, and
 * the loss claim that makes the carrier bear the cost of a reissue. Our own
 * `shipments` and `loss_claims` rows route the carrier's webhooks and answer
 * the envelope look-up.
 */
export function createDeliveryActivities(saudiPost: SaudiPost, wasel: Wasel, dataSource: DataSource) {
  return {
    async dispatchShipment(input: DispatchRequest): Promise<DispatchedShipment> {
      const key = shipmentKey(input.renewalId, input.issueNumber);
      const barcode = envelopeBarcode(input.renewalId, input.issueNumber);
      const lookup = await wasel.lookUpAddress(input.nationalId);
      if (lookup.status !== 'FOUND') {
        throw ApplicationFailure.nonRetryable('The national address is no longer available', 'AddressUnavailable');
      }
      const shipment = await saudiPost.createShipment({
        shipmentKey: key,
        envelopeBarcode: barcode,
        originOfficeId: input.originOfficeId,
        destinationPostalCode: lookup.address.postalCode,
      });
      await dataSource.query(
        `INSERT INTO shipments (shipment_key, renewal_id, issue_number, envelope_barcode, tracking_number, status)
         VALUES ($1, $2, $3, $4, $5, 'CREATED') ON CONFLICT (shipment_key) DO NOTHING`,
        [key, input.renewalId, input.issueNumber, barcode, shipment.trackingNumber],
      );
      return {
        shipmentKey: key,
        trackingNumber: shipment.trackingNumber,
        envelopeBarcode: barcode,
      } satisfies DispatchedShipment;
    },

    /** Ends the shipment on our side: the envelope look-up stops answering for it. */
    async closeShipment(input: { shipmentKey: string; status: ShipmentClosure }): Promise<void> {
      await dataSource.query(
        `UPDATE shipments SET status = $2, closed_at = COALESCE(closed_at, now()) WHERE shipment_key = $1`,
        [input.shipmentKey, input.status],
      );
    },

    async recallShipment(input: { shipmentKey: string; trackingNumber: string }): Promise<void> {
      await saudiPost.recallShipment(input.trackingNumber);
      await dataSource.query(
        `UPDATE shipments SET status = 'RECALLED', closed_at = COALESCE(closed_at, now()) WHERE shipment_key = $1`,
        [input.shipmentKey],
      );
    },

    async openLossClaim(input: LossClaimInput) {
      const claimKey = lossClaimKey(input.renewalId, input.issueNumber);
      const claim = await saudiPost.openLossClaim({
        claimKey,
        trackingNumber: input.trackingNumber,
        liabilitySar: input.liabilitySar,
      });
      await dataSource.query(
        `INSERT INTO loss_claims (claim_key, renewal_id, tracking_number, carrier_claim_id, liability_sar, status)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (claim_key) DO NOTHING`,
        [claimKey, input.renewalId, input.trackingNumber, claim.claimId, claim.liabilitySar, claim.status],
      );
      return { claimId: claim.claimId, liabilitySar: claim.liabilitySar };
    },
  };
}
