import type { DeliveryMethod, Fees, ValidityYears } from './acceptance';
import type { RenewalStage } from './stages';

export const RENEWAL_TASK_QUEUE = 'passport-renewals';

/**
 * Every duration, count and fee a renewal decides with. It is fixed in the
 * workflow input at start, so configuration changes never alter the decisions
 * of a running renewal (and never make its history non-deterministic).
 */
export interface RenewalPolicy {
  /** Time the citizen has to review and accept after the eligibility check. */
  acceptanceWindowMs: number;
  /** How long a SADAD bill stays payable. */
  paymentWindowMs: number;
  /** Time the citizen has to subscribe to Wasel before we fall back to pickup. */
  addressWindowMs: number;
  /**
   * Every stage that waits on a partner runs on a clock started when it is entered (docs/architecture.md, "Every
   * stage on its own clock"): at its deadline operators are alerted and the renewal is marked overdue; at twice
   * the deadline, its hard limit, the stage takes its designed ending whatever the partner does.
   *
   * The civil registry's eligibility check; at the hard limit the renewal fails (nothing was done yet).
   */
  eligibilityDeadlineMs: number;
  /** SADAD issuing the bill; at the hard limit the renewal fails (nothing was paid). */
  billIssueDeadlineMs: number;
  /** Wasel checking the national address for home delivery; at the hard limit the passport goes to pickup. */
  addressCheckDeadlineMs: number;
  /** The print centre printing (and the registry recording) the passport; at the hard limit the renewal fails. */
  printDeadlineMs: number;
  /** Saudi Post creating the shipment (DISPATCHING); at the hard limit the passport waits at the counter instead. */
  dispatchDeadlineMs: number;
  /** Saudi Post accepting a loss claim; at the hard limit the loss is written off and the claim left to operators. */
  lossClaimDeadlineMs: number;
  /**
   * The civil registry activating the new passport once handed over or delivered; at the hard limit operators
   * take it over while the renewal keeps trying (it is never failed: the citizen holds the passport).
   */
  activationDeadlineMs: number;
  /** Each undo step (cancel, void, recall, refund) gets this long; then it is handed to operators. */
  compensationWindowMs: number;
  /** Print attempts (after failures reported by the print centre) before the renewal fails. */
  maxPrintAttempts: number;
  /** Working days (Sunday to Thursday, holidays excluded) a printed passport waits at the counter. */
  pickupWindowWorkingDays: number;
  /** The reminder goes out this many working days before the pickup window closes. */
  pickupReminderWorkingDaysBefore: number;
  /** Public holidays (YYYY-MM-DD, Riyadh time) that are not working days. */
  holidays: string[];
  /** Delivery promised within this time of the carrier accepting the envelope. */
  deliverySlaMs: number;
  /** Not delivered this long after dispatch: the envelope is treated as lost. */
  lossThresholdMs: number;
  /** Failed delivery attempts before the passport goes back to the office for pickup. */
  maxDeliveryAttempts: number;
  /** Replacements printed after losses in transit; the last one is handed over at the counter. */
  maxReissues: number;
  fees: Fees;
  /** Below this age only 5-year passports are issued. */
  minAgeForTenYears: number;
  /** From this age biometrics must be on record. */
  biometricsMinAge: number;
  /** Pledges the citizen must accept, by id. */
  requiredPledgeIds: string[];
}

export interface RenewalInput {
  renewalId: string;
  nationalId: string;
  /** The passport office that prints, and hands over at the counter. */
  officeId: string;
  policy: RenewalPolicy;
}

export interface TimelineEntry {
  stage: RenewalStage;
  at: string;
  note?: string;
}

export interface Tracking {
  trackingNumber: string;
  envelopeBarcode: string;
  lastEvent?: string;
  lastEventAt?: string;
  deliveryAttempts: number;
  acceptedAt?: string;
  slaDeadline?: string;
}

/**
 * Where a renewal stands, without its timeline: what the stage-change
 * projection writes to the read model and `GET /v1/renewals/:id/status` answers.
 * No personal data: the read model knows the citizen by renewal id.
 */
export interface RenewalSnapshot {
  stage: RenewalStage;
  deliveryMethod: DeliveryMethod;
  officeId: string;
  /** 1 for the first passport printed, then +1 for each replacement after a loss. */
  issueNumber: number;
  validityYears?: ValidityYears;
  stageDeadline?: string;
  slaBreached: boolean;
  /** The current stage is past its deadline: operators have been alerted and are on it. */
  overdue: boolean;
  tracking?: Tracking;
  /** What the citizen, clerk or operator must do next, if anything. */
  pendingAction?: string;
  /** Why the renewal was rejected, cancelled, expired or failed. */
  outcomeReason?: string;
  counterMismatches: number;
  amountDueSar?: number;
  billNumber?: string;
}

/** What a citizen, clerk or operator needs to know now; answered by the `status` query and the read model. */
export interface RenewalStatus extends RenewalSnapshot {
  renewalId: string;
  timeline: TimelineEntry[];
}

export interface RenewalOutcome {
  stage: RenewalStage;
  newPassportNumber?: string;
  reason?: string;
}
