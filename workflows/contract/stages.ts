/**
 * Every stage a renewal can be in (docs/design.md §3). The same names are the
 * `RenewalStage` search attribute and the API's `stage` field.
 */
export const RENEWAL_STAGES = [
  'ELIGIBILITY_CHECK',
  'AWAITING_ACCEPTANCE',
  'AWAITING_PAYMENT',
  'AWAITING_ADDRESS',
  'PRINTING',
  'READY_FOR_PICKUP',
  'DISPATCHING',
  'DISPATCHED',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'LOST',
  'REISSUING',
  'COMPLETED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
] as const;

export type RenewalStage = (typeof RENEWAL_STAGES)[number];

export const TERMINAL_STAGES: ReadonlySet<RenewalStage> = new Set([
  'COMPLETED',
  'REJECTED',
  'EXPIRED',
  'CANCELLED',
  'FAILED',
]);

/** The note of the projection written when the delivery SLA is breached (the stage itself does not change). */
export const SLA_BREACH_NOTE = 'DELIVERY_SLA_BREACHED';

/** Stages in which the citizen may still withdraw online: nothing has been printed yet. */
export const CITIZEN_CANCELLABLE_STAGES: ReadonlySet<RenewalStage> = new Set([
  'ELIGIBILITY_CHECK',
  'AWAITING_ACCEPTANCE',
  'AWAITING_PAYMENT',
  'AWAITING_ADDRESS',
]);

/** Stages in which the envelope is with the carrier, so an operator may declare it lost. */
export const WITH_CARRIER_STAGES: ReadonlySet<RenewalStage> = new Set(['DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY']);
