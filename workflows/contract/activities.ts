import type { CitizenFacts } from './citizen';
import type { CitizenNotice } from './notices';
import type { DeliveryMethod, RenewalStage } from './stages';

/**
 * The activities the renewal workflow calls: their names, inputs and results.
 * The workflow schedules them by this interface and `activities/` implements it,
 * so neither imports the other. Inputs carry opaque keys and ids; a national ID
 * appears only where a partner system needs it to act.
 */

// ---- read model -------------------------------------------------------------

export interface StageChange {
  renewalId: string;
  /** Position of this change in the renewal's history; later changes win. */
  sequence: number;
  stage: RenewalStage;
  at: string;
  nationalId: string;
  officeId: string;
  deliveryMethod: DeliveryMethod;
  stageDeadline?: string;
  slaBreached: boolean;
  note?: string;
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
  validityYears: 5 | 10;
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

// ---- notifications ------------------------------------------------------------------------

export interface CitizenNotification {
  renewalId: string;
  nationalId: string;
  /** Unique per notice: the SMS gateway sends a key once. */
  messageKey: string;
  notice: CitizenNotice;
  params?: Record<string, string | number | undefined>;
}

export interface OperatorAlert {
  renewalId: string;
  /** Unique per alert: recording it twice keeps one. */
  alertKey: string;
  kind: string;
  details?: Record<string, unknown>;
}

/** Every activity of the renewal workflow. */
export interface RenewalActivities {
  recordStageChange(change: StageChange): Promise<void>;

  lookUpCitizen(nationalId: string): Promise<CitizenFacts | undefined>;
  recordPrintedPassport(input: PrintedPassportInput): Promise<void>;
  /** Safety rule: only on a confirmed handover or delivery. */
  activateNewPassport(input: ActivationRequest): Promise<void>;
  voidPassport(input: VoidRequest): Promise<void>;

  issueBill(input: BillRequest): Promise<IssuedBill>;
  cancelBill(input: { renewalId: string; billNumber: string }): Promise<void>;
  refundBill(input: { renewalId: string; billNumber: string; reason: string }): Promise<void>;
  recordPayment(input: { billNumber: string }): Promise<void>;

  checkNationalAddress(nationalId: string): Promise<NationalAddressCheck>;

  submitPrintJob(request: PrintJobRequest): Promise<void>;
  cancelPrintJob(jobKey: string): Promise<void>;
  recordPrintFailure(input: { jobKey: string; reason: string }): Promise<void>;

  dispatchShipment(input: DispatchRequest): Promise<DispatchedShipment>;
  closeShipment(input: { shipmentKey: string; status: ShipmentClosure }): Promise<void>;
  recallShipment(input: { shipmentKey: string; trackingNumber: string }): Promise<void>;
  openLossClaim(input: LossClaimInput): Promise<{ claimId: string; liabilitySar: number }>;

  notifyCitizen(notification: CitizenNotification): Promise<void>;
  alertOperators(alert: OperatorAlert): Promise<void>;
}
