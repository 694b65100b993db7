import type { ValidityYears } from './acceptance';
import type { CitizenFacts } from './citizen';
import type { CitizenNotice } from './notices';
import type { RenewalSnapshot } from './renewal';
import type { RenewalStage } from './stages';

/**
 * The activities the renewal workflow calls: their names, inputs and results.
 * The workflow schedules them by this interface and `activities/` implements it,
 * so neither imports the other. Inputs carry opaque keys and ids; a national ID
 * appears only where a partner system needs it to act.
 */

// ---- read model -------------------------------------------------------------

/** Values of a notice's text: amounts, bill numbers, offices, ISO times; never personal data. */
export type NoticeParams = Record<string, string | number | undefined>;

/** An SMS the citizen is to get, written to the outbox with the change that causes it. */
export interface NoticeToSend {
  notice: CitizenNotice;
  params: NoticeParams;
}

/** An alert to operators, written to the audit trail with the change that raises it. */
export interface AlertToRaise {
  kind: string;
  details: Record<string, unknown>;
}

/** How a timeline line came about: a stage entered (or its deadline moved), or the delivery SLA breached. */
export type TimelineAction = 'stage.entered' | 'sla.breached';

/** A line of the renewal's timeline, and of its audit trail (keyed by its own sequence). */
export interface TimelineLine {
  sequence: number;
  stage: RenewalStage;
  at: string;
  action: TimelineAction;
  note?: string;
}

/**
 * One write of the renewal's progress, by a local activity (a marker in the
 * history, no task-queue round trip). It carries no personal data: the read
 * model knows the citizen by renewal id. In one transaction it moves the read
 * model to `snapshot` (never back to a lower `sequence`), appends its timeline
 * lines to the audit trail, queues its notices in the SMS outbox and its alerts
 * in the audit trail, and updates our mirrors of the bill and the shipment.
 */
export interface ProgressRecord {
  renewalId: string;
  /** Position of this write in the renewal's history; later writes win. */
  sequence: number;
  at: string;
  snapshot: RenewalSnapshot;
  timeline: TimelineLine[];
  /** Each with its unique key: the SMS outbox's, and the gateway's idempotency key. */
  notices: Array<NoticeToSend & { key: string }>;
  alerts: AlertToRaise[];
  /** The SADAD bill the citizen has just paid: our mirror of it is marked paid. */
  paidBillNumber?: string;
  /** The shipment that has just ended on our side: the envelope look-up stops answering for it. */
  closedShipment?: { shipmentKey: string; status: ShipmentClosure };
}

// ---- civil registry ------------------------------------------------------------

export interface PrintedPassportInput {
  jobKey: string;
  passportNumber: string;
  nationalId: string;
  issuedOn: string;
  expiresOn: string;
}

export interface ActivationRequest {
  renewalId: string;
  newPassportNumber: string;
  oldPassportNumber?: string;
}

export interface VoidRequest {
  passportNumber: string;
  reason: string;
}

// ---- SADAD ----------------------------------------------------------------------

export interface BillRequest {
  renewalId: string;
  nationalId: string;
  amountSar: number;
  expiresAt: string;
}

export interface IssuedBill {
  billNumber: string;
  amountSar: number;
  expiresAt: string;
}

// ---- Wasel -------------------------------------------------------------------------

export type NationalAddressCheck = 'FOUND' | 'NOT_SUBSCRIBED';

// ---- print centre --------------------------------------------------------------------

export interface PrintJobRequest {
  jobKey: string;
  renewalId: string;
  issueNumber: number;
  attempt: number;
  officeId: string;
  nationalId: string;
  validityYears: ValidityYears;
}

// ---- Saudi Post -------------------------------------------------------------------------

export interface DispatchRequest {
  renewalId: string;
  issueNumber: number;
  nationalId: string;
  originOfficeId: string;
}

export interface DispatchedShipment {
  shipmentKey: string;
  trackingNumber: string;
  envelopeBarcode: string;
}

/** How a shipment ends on our side; after any of these the envelope is no longer the carrier's to deliver. */
export const SHIPMENT_CLOSURES = ['DELIVERED', 'RETURNED', 'LOST', 'RECALLED'] as const;

export type ShipmentClosure = (typeof SHIPMENT_CLOSURES)[number];

export interface LossClaimInput {
  renewalId: string;
  issueNumber: number;
  trackingNumber: string;
  liabilitySar: number;
}

/** Every activity of the renewal workflow. */
export interface RenewalActivities {
  /** Local activity: the read model, the audit trail, the SMS outbox and operator alerts, in one transaction. */
  recordProgress(record: ProgressRecord): Promise<void>;

  lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined>;
  recordPrintedPassport(input: PrintedPassportInput): Promise<void>;
  /** Safety rule: only on a confirmed handover or delivery. */
  activateNewPassport(input: ActivationRequest): Promise<void>;
  voidPassport(input: VoidRequest): Promise<void>;

  issueBill(input: BillRequest): Promise<IssuedBill>;
  cancelBill(input: { renewalId: string; billNumber: string }): Promise<void>;
  refundBill(input: { renewalId: string; billNumber: string; reason: string }): Promise<void>;

  checkNationalAddress(nationalId: string): Promise<NationalAddressCheck>;

  submitPrintJob(request: PrintJobRequest): Promise<void>;
  cancelPrintJob(jobKey: string): Promise<void>;
  recordPrintFailure(input: { jobKey: string; reason: string }): Promise<void>;

  dispatchShipment(input: DispatchRequest): Promise<DispatchedShipment>;
  recallShipment(input: { shipmentKey: string; trackingNumber: string }): Promise<void>;
  openLossClaim(input: LossClaimInput): Promise<{ claimId: string; liabilitySar: number }>;
}
