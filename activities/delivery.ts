import { ApplicationFailure } from '@temporalio/common';
import {
  type DispatchedShipment,
  type DispatchRequest,
  envelopeBarcode,
  type LossClaimInput,
  lossClaimKey,
  shipmentKey,
} from '../workflows/contract';
import type { SaudiPost } from '../src/integrations/saudi-post/port';
import type { Wasel } from '../src/integrations/wasel/port';
import type { Persistence } from '../src/persistence/persistence';
import { attemptProgress } from './attempt-progress';

/**
 * Saudi Post activities: the dedicated envelope and its shipment, recall, and
 * the loss claim that makes the carrier bear the cost of a reissue. Our own
 * `shipments` and `loss_claims` rows route the carrier's webhooks and answer
 * the envelope look-up.
 */
export function createDeliveryActivities(saudiPost: SaudiPost, wasel: Wasel, persistence: Persistence) {
  return {
    async dispatchShipment(input: DispatchRequest): Promise<DispatchedShipment> {
      const key = shipmentKey(input.renewalId, input.issueNumber);
      const barcode = envelopeBarcode(input.renewalId, input.issueNumber);
      // Two partner calls: a retry after the carrier's failed does not ask Wasel again (see attemptProgress).
      const progress = attemptProgress();
      const postalCode = await progress.step('address', async () => {
        const lookup = await wasel.lookUpAddress(input.nationalId);
        if (lookup.status !== 'FOUND') {
          throw ApplicationFailure.nonRetryable('The national address is no longer available', 'AddressUnavailable');
        }
        return lookup.address.postalCode;
      });
      // Ours before the carrier's: its events echo our shipment key, so they can be placed even when its
      // answer below is lost and this activity is retried.
      await persistence.shipments.recordRequested({
        shipmentKey: key,
        renewalId: input.renewalId,
        issueNumber: input.issueNumber,
        envelopeBarcode: barcode,
      });
      const shipment = await progress.step('shipment', () =>
        saudiPost.createShipment({
          shipmentKey: key,
          envelopeBarcode: barcode,
          originOfficeId: input.originOfficeId,
          destinationPostalCode: postalCode,
        }),
      );
      await persistence.shipments.recordTrackingNumber(key, shipment.trackingNumber);
      return {
        shipmentKey: key,
        trackingNumber: shipment.trackingNumber,
        envelopeBarcode: barcode,
      } satisfies DispatchedShipment;
    },

    async recallShipment(input: { shipmentKey: string; trackingNumber: string }): Promise<void> {
      await saudiPost.recallShipment(input.trackingNumber);
      await persistence.shipments.close(input.shipmentKey, 'RECALLED');
    },

    async openLossClaim(input: LossClaimInput) {
      const claimKey = lossClaimKey(input.renewalId, input.issueNumber);
      const claim = await saudiPost.openLossClaim({
        claimKey,
        trackingNumber: input.trackingNumber,
        liabilitySar: input.liabilitySar,
      });
      await persistence.lossClaims.recordOpened({
        claimKey,
        renewalId: input.renewalId,
        trackingNumber: input.trackingNumber,
        carrierClaimId: claim.claimId,
        liabilitySar: claim.liabilitySar,
        status: claim.status,
      });
      return { claimId: claim.claimId, liabilitySar: claim.liabilitySar };
    },
  };
}
