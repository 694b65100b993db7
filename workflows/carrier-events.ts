import type { CarrierEvent, RenewalStage } from './contract';

/**
 * How the carrier's tracking events move a shipment, as a pure reducer.
 *
 * Repeated events (same event id) never get here: the post's inbox drops them
 * on arrival (post.ts). Events arrive out of order, though: progress
 * events (ACCEPTED, IN_TRANSIT, OUT_FOR_DELIVERY) only ever move the stage
 * forward, so a late IN_TRANSIT never undoes OUT_FOR_DELIVERY, while a late
 * ACCEPTED still starts the SLA clock at the time the carrier really accepted.
 * Outcome events (DELIVERED, RETURNED, LOST) end the shipment whenever they come.
 */
export interface ShipmentProgress {
  trackingNumber: string;
  /** The furthest stage reached so far. */
  stage: RenewalStage;
  acceptedAt?: string;
  lastEvent?: string;
  lastEventAt?: string;
  deliveryAttempts: number;
}

export type ShipmentOutcome =
  | { kind: 'DELIVERED'; proof: 'OTP' | 'ID_CHECK'; at: string }
  | { kind: 'RETURNED'; reason: string }
  | { kind: 'LOST'; reason: string };

export interface Reduction {
  progress: ShipmentProgress;
  /** Whether the event changed anything (false: another shipment's, or a delivery without proof). */
  applied: boolean;
  outcome?: ShipmentOutcome;
}

const PROGRESS_RANK: Partial<Record<RenewalStage, number>> = { DISPATCHED: 0, IN_TRANSIT: 1, OUT_FOR_DELIVERY: 2 };
const STAGE_OF_EVENT: Partial<Record<CarrierEvent['type'], RenewalStage>> = {
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
};

/** The outcome reason when the carrier gave up after the policy's number of delivery attempts. */
export const MAX_ATTEMPTS_REASON = 'MAX_DELIVERY_ATTEMPTS';

export function startShipment(trackingNumber: string): ShipmentProgress {
  return { trackingNumber, stage: 'DISPATCHED', deliveryAttempts: 0 };
}

/** Whether time `a` is before `b`: compared as instants, since the same instant has many ISO 8601 spellings. */
function before(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}

export function applyCarrierEvent(progress: ShipmentProgress, event: CarrierEvent, maxAttempts: number): Reduction {
  if (event.trackingNumber !== progress.trackingNumber) return { progress, applied: false };
  const next: ShipmentProgress = { ...progress };
  if (!next.lastEventAt || !before(event.occurredAt, next.lastEventAt)) {
    next.lastEvent = event.type;
    next.lastEventAt = event.occurredAt;
  }
  switch (event.type) {
    case 'ACCEPTED':
      if (!next.acceptedAt || before(event.occurredAt, next.acceptedAt)) next.acceptedAt = event.occurredAt;
      return { progress: next, applied: true };
    case 'IN_TRANSIT':
    case 'OUT_FOR_DELIVERY': {
      const stage = STAGE_OF_EVENT[event.type]!;
      if (PROGRESS_RANK[stage]! > PROGRESS_RANK[next.stage]!) next.stage = stage;
      return { progress: next, applied: true };
    }
    case 'DELIVERY_ATTEMPTED':
      next.deliveryAttempts += 1;
      return next.deliveryAttempts >= maxAttempts
        ? { progress: next, applied: true, outcome: { kind: 'RETURNED', reason: MAX_ATTEMPTS_REASON } }
        : { progress: next, applied: true };
    case 'DELIVERED':
      // Safety rule: without proof of who received it, a delivery is not confirmed.
      if (!event.proof) return { progress: next, applied: false };
      return {
        progress: next,
        applied: true,
        outcome: { kind: 'DELIVERED', proof: event.proof, at: event.occurredAt },
      };
    case 'RETURNED':
      return {
        progress: next,
        applied: true,
        outcome: { kind: 'RETURNED', reason: event.reason ?? 'RETURNED_BY_CARRIER' },
      };
    case 'LOST':
      return { progress: next, applied: true, outcome: { kind: 'LOST', reason: 'REPORTED_LOST_BY_CARRIER' } };
  }
}
