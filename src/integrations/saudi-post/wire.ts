import { CARRIER_EVENT_TYPES } from '../../../workflows/contract';
import { postalCodeProblem } from '../../domain/postal-code';
import { WireReader, type FieldProblem } from '../http/wire-reader';
import type { LossClaim, LossClaimDispute, LossClaimRequest, Shipment, ShipmentRequest, ShipmentStatus } from './port';

const SHIPMENT_STATUSES: readonly ShipmentStatus[] = ['CREATED', ...CARRIER_EVENT_TYPES, 'RECALLED'];

const trackingNumberProblem = (value: string) =>
  /^[A-Z0-9]{8,30}$/.test(value) ? undefined : 'must be 8 to 30 uppercase letters or digits';

/** Saudi Post's JSON documents (docs/integrations.md), read and checked field by field. */
export function readShipment(body: unknown, problem: FieldProblem): Shipment {
  const shipment = WireReader.of(body, problem);
  return {
    shipmentKey: shipment.string('shipmentKey'),
    trackingNumber: shipment.checked('trackingNumber', trackingNumberProblem),
    envelopeBarcode: shipment.string('envelopeBarcode'),
    status: shipment.oneOf('status', SHIPMENT_STATUSES),
  };
}

export function readLossClaim(body: unknown, problem: FieldProblem): LossClaim {
  const claim = WireReader.of(body, problem);
  const liabilitySar = claim.number('liabilitySar');
  if (liabilitySar <= 0) throw claim.fail('liabilitySar', 'must be positive');
  return {
    claimId: claim.string('claimId'),
    trackingNumber: claim.checked('trackingNumber', trackingNumberProblem),
    liabilitySar,
    status: claim.oneOf('status', ['OPEN', 'ACCEPTED', 'SETTLED', 'DISPUTED'] as const),
  };
}

export function readShipmentRequest(body: unknown, problem: FieldProblem): ShipmentRequest {
  const request = WireReader.of(body, problem);
  return {
    shipmentKey: request.string('shipmentKey'),
    envelopeBarcode: request.string('envelopeBarcode'),
    originOfficeId: request.string('originOfficeId'),
    destinationPostalCode: request.checked('destinationPostalCode', postalCodeProblem),
  };
}

export function readLossClaimRequest(body: unknown, problem: FieldProblem): LossClaimRequest {
  const request = WireReader.of(body, problem);
  return {
    claimKey: request.string('claimKey'),
    trackingNumber: request.string('trackingNumber'),
    liabilitySar: request.number('liabilitySar'),
  };
}

/** The body of `POST /v1/loss-claims/{claimKey}/dispute` (the key is in the path). */
export function readLossClaimDispute(claimKey: string, body: unknown, problem: FieldProblem): LossClaimDispute {
  const dispute = WireReader.of(body, problem);
  return { claimKey, reason: dispute.string('reason'), carrierEventId: dispute.string('carrierEventId') };
}
