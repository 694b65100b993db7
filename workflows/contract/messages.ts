import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Fee, ValidityYears } from './acceptance';
import type { CarrierEventType } from './carrier';
import type { RenewalStatus } from './renewal';
import type { RenewalStage } from './stages';

/**
 * Every message the renewal workflow understands, shared by the workflow
 * (which handles them) and the API (which sends them).
 *
 * Updates are for people who wait for an answer (the citizen accepting, the
 * clerk at the counter, an operator cancelling): their validators refuse bad
 * requests before anything is written to history. Signals are for partner
 * systems reporting facts (payment, address, printing, carrier events), which
 * the workflow records whatever its stage.
 */

// ---- citizen -------------------------------------------------------------

/** How the renewal answers its opening: the eligibility outcome, once the check is done. */
export interface RenewalOpened {
  /** `AWAITING_ACCEPTANCE` (eligible: the review follows), `REJECTED`, or wherever a retried opening finds it. */
  stage: RenewalStage;
  /** Why it was rejected (machine-readable, e.g. `TRAVEL_BAN`), or why it ended otherwise. */
  reason?: string;
  stageDeadline?: string;
}

/**
 * Sent with the start (update-with-start) by `POST /v1/renewals`, so the
 * citizen's request answers with the eligibility outcome instead of a polling
 * loop. It changes nothing in the renewal: it only waits for the check.
 */
export const openRenewalUpdate = defineUpdate<RenewalOpened>('openRenewal');

export type DeliveryChoice = { method: 'PICKUP'; officeId: string } | { method: 'POST' };

export interface AcceptanceRequest {
  /** The citizen saw the photo on file and confirms it. */
  photoConfirmed: boolean;
  /** The citizen confirms the name as written in English. */
  englishNameConfirmed: boolean;
  /** Ids of the pledges accepted; every required pledge must be among them. */
  acceptedPledgeIds: string[];
  validityYears: ValidityYears;
  delivery: DeliveryChoice;
}

/** The fee the acceptance fixes: the amount of the SADAD bill that follows. */
export type AcceptanceResult = Fee;

export const acceptTermsUpdate = defineUpdate<AcceptanceResult, [AcceptanceRequest]>('acceptTerms');

// ---- cancellation (citizen or operator) ------------------------------------

export interface CancellationRequest {
  requestedBy: { role: 'CITIZEN' | 'OPERATOR'; id: string };
  reason: string;
}

export interface CancellationResult {
  stage: 'CANCELLED';
  /** What was undone, e.g. `PRINT_JOB_CANCELLED`, `PASSPORT_VOIDED`, `SHIPMENT_RECALLED`, `PAYMENT_REFUNDED`. */
  compensations: string[];
}

export const cancelRenewalUpdate = defineUpdate<CancellationResult, [CancellationRequest]>('cancelRenewal');

// ---- clerk at the counter ---------------------------------------------------

export interface CounterVerificationRequest {
  clerkId: string;
  /** Number printed in the old passport the citizen presents at the counter. */
  presentedPassportNumber: string;
  /** The clerk confirms the person at the counter is the holder (face against photo). */
  identityConfirmed: boolean;
}

export interface CounterVerificationResult {
  matched: boolean;
  mismatchesSoFar: number;
}

export interface HandoverRequest {
  clerkId: string;
}

export interface HandoverResult {
  newPassportNumber: string;
}

export const verifyOldPassportUpdate = defineUpdate<CounterVerificationResult, [CounterVerificationRequest]>(
  'verifyOldPassport',
);
export const handOverUpdate = defineUpdate<HandoverResult, [HandoverRequest]>('handOver');

// ---- operator -----------------------------------------------------------------

export interface LossDeclaration {
  operatorId: string;
  reason: string;
}

/** An operator declares the current shipment lost (e.g. the carrier confirmed it by phone). */
export const declareShipmentLostSignal = defineSignal<[LossDeclaration]>('declareShipmentLost');

// ---- partner systems (webhooks) -----------------------------------------------

export interface PaymentReceived {
  billNumber: string;
  paymentId: string;
  amountSar: number;
  paidAt: string;
}

export interface PrintJobCompleted {
  jobKey: string;
  passportNumber: string;
  issuedOn: string;
  expiresOn: string;
}

export interface PrintJobFailed {
  jobKey: string;
  reason: string;
}

export interface CarrierEvent {
  /** The carrier's id for this event: a repeated id is ignored. */
  eventId: string;
  trackingNumber: string;
  type: CarrierEventType;
  /** When it happened at the carrier; events may arrive out of order. */
  occurredAt: string;
  /** For DELIVERED: how the recipient was confirmed. */
  proof?: 'OTP' | 'ID_CHECK';
  /** For DELIVERY_ATTEMPTED and RETURNED: why. */
  reason?: string;
}

export const paymentReceivedSignal = defineSignal<[PaymentReceived]>('paymentReceived');
/** Wasel reports the citizen has subscribed (registered a national address). */
export const addressRegisteredSignal = defineSignal('addressRegistered');
export const printJobCompletedSignal = defineSignal<[PrintJobCompleted]>('printJobCompleted');
export const printJobFailedSignal = defineSignal<[PrintJobFailed]>('printJobFailed');
export const carrierEventSignal = defineSignal<[CarrierEvent]>('carrierEvent');

// ---- reads ------------------------------------------------------------------------

export const statusQuery = defineQuery<RenewalStatus>('status');
