import type { RenewalActivities } from './activities';
import type { RenewalInput } from './renewal';
import type { DeliveryMethod } from './acceptance';
import { riyadhTime } from './riyadh-time';
import type { RenewalStage } from './stages';

/**
 * What the Temporal UI shows of a renewal, so its list and timeline read as a
 * renewal rather than as a process: a static summary and details given when
 * it starts, the current details replaced at each stage change, and a one-line
 * summary on each activity. Built from ids, stages and dates only: never a
 * national ID, a name, a mobile number or an address (docs/runbook.md). Times
 * are Riyadh's, to the minute, saying so: the UI shows this text as written.
 */

/** The workflow's static summary (User Metadata's "Summary"; UI 2.54.1 has no list column for it). */
export function renewalSummary(input: Pick<RenewalInput, 'officeId'>): string {
  return `Passport renewal, office ${input.officeId}`;
}

/** The workflow's static details (markdown, User Metadata's "Details"). */
export function renewalDetails(input: Pick<RenewalInput, 'renewalId' | 'officeId'>): string {
  return [
    `**Renewal** ${input.renewalId}`,
    `**Office** ${input.officeId} (delivery chosen on acceptance)`,
    'Stage, deadline and what it waits for: Current Details, replaced at each stage change.',
    'Runbook: docs/runbook.md',
  ].join('\n\n');
}

/** What a renewal in each stage is waiting for, in the operator's words. */
export const WAITING_FOR: Record<RenewalStage, string> = {
  ELIGIBILITY_CHECK: 'the civil registry to confirm eligibility',
  AWAITING_ACCEPTANCE: "the citizen's acceptance of the fee and delivery",
  AWAITING_PAYMENT: 'payment of the SADAD bill',
  AWAITING_ADDRESS: 'the citizen to register a national address',
  PRINTING: 'the print centre to print the passport',
  READY_FOR_PICKUP: 'the citizen to collect the passport at the counter',
  DISPATCHING: 'Saudi Post to create the shipment',
  DISPATCHED: 'Saudi Post to collect the shipment',
  IN_TRANSIT: "Saudi Post's delivery events",
  OUT_FOR_DELIVERY: "Saudi Post's delivery confirmation",
  LOST: 'the loss claim and the reissue',
  REISSUING: 'the print centre to print the replacement',
  COMPLETED: 'nothing: the renewal is complete',
  REJECTED: 'nothing: the renewal was rejected',
  EXPIRED: 'nothing: the renewal expired',
  CANCELLED: 'nothing: the renewal was cancelled',
  FAILED: 'an operator: the renewal failed',
};

export interface CurrentStage {
  stage: RenewalStage;
  since: Date;
  deadline?: Date;
  slaBreached: boolean;
  overdue: boolean;
  officeId: string;
  deliveryMethod: DeliveryMethod;
}

/** The workflow's current details (markdown, User Metadata's "Current Details"), replaced at each stage change. */
export function currentDetails(current: CurrentStage): string {
  return [
    `**Stage** ${current.stage} since ${riyadhTime(current.since)}`,
    `**Deadline** ${current.deadline ? riyadhTime(current.deadline) : 'none'}`,
    `**Waiting for** ${WAITING_FOR[current.stage]}`,
    `**Delivery** ${current.deliveryMethod}, office ${current.officeId}`,
    `**SLA breached** ${current.slaBreached ? 'yes' : 'no'}`,
    `**Overdue** ${current.overdue ? 'yes: past its deadline, operators alerted' : 'no'}`,
  ].join('\n\n');
}

/** Each activity's summary on the timeline: what it does, with whom. */
export const ACTIVITY_SUMMARIES: Record<keyof RenewalActivities, string> = {
  recordProgress: 'Read model: record the progress',
  lookUpCitizen: 'Civil registry: look up the citizen',
  recordPrintedPassport: 'Civil registry: record the printed passport',
  activateNewPassport: 'Civil registry: activate the new passport',
  voidPassport: 'Civil registry: void a passport',
  issueBill: 'SADAD: issue the renewal fee bill',
  cancelBill: 'SADAD: cancel the bill',
  refundBill: 'SADAD: refund the bill',
  checkNationalAddress: 'Wasel: check the national address',
  submitPrintJob: 'Print centre: submit the print job',
  cancelPrintJob: 'Print centre: cancel the print job',
  recordPrintFailure: 'Read model: record the print failure',
  dispatchShipment: 'Saudi Post: dispatch the shipment',
  recallShipment: 'Saudi Post: recall the shipment',
  openLossClaim: 'Saudi Post: open a loss claim',
};
