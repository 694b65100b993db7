import { pick, type Random } from '../random';
import type { CarrierEventType } from '../../../workflows/contract';

export interface CarrierBehaviour {
  lossProbability: number;
  failedAttemptProbability: number;
  /** Failed attempts after which the envelope goes back to the origin office. */
  maxDeliveryAttempts: number;
}

export interface PlannedEvent {
  type: CarrierEventType;
  proof?: 'OTP' | 'ID_CHECK';
  reason?: string;
}

const ATTEMPT_REASONS = ['RECIPIENT_NOT_AVAILABLE', 'RECIPIENT_UNREACHABLE', 'ADDRESS_NOT_ACCESSIBLE'] as const;

/**
 * The events a shipment will go through, decided when it is created so any
 * runner can play them out: accepted, in transit, then lost, or out for
 * delivery until delivered (with OTP or ID check) or returned after the
 * last failed attempt. The rolls are made in a fixed order, so the same
 * random stream gives the same plan.
 */
export function planCarrierEvents(behaviour: CarrierBehaviour, random: Random): PlannedEvent[] {
  const events: PlannedEvent[] = [{ type: 'ACCEPTED' }, { type: 'IN_TRANSIT' }];
  if (random() < behaviour.lossProbability) return [...events, { type: 'LOST' }];
  for (let attempt = 1; attempt <= behaviour.maxDeliveryAttempts; attempt++) {
    events.push({ type: 'OUT_FOR_DELIVERY' });
    if (random() >= behaviour.failedAttemptProbability) {
      return [...events, { type: 'DELIVERED', proof: pick(random, ['OTP', 'ID_CHECK'] as const) }];
    }
    events.push({ type: 'DELIVERY_ATTEMPTED', reason: pick(random, ATTEMPT_REASONS) });
  }
  return [...events, { type: 'RETURNED', reason: 'MAX_ATTEMPTS_REACHED' }];
}
