import type { DeliveryMethod, RenewalStage } from './stages';

export const RENEWAL_TASK_QUEUE = 'passport-renewals';

/** Fixed at start: configuration changes never alter a running renewal's decisions. */
export interface RenewalPolicy {
  /** Working days (Sunday to Thursday) a printed passport waits at the counter. */
  pickupWindowWorkingDays: number;
}

export interface RenewalInput {
  renewalId: string;
  nationalId: string;
  officeId: string;
  policy: RenewalPolicy;
}

export interface TimelineEntry {
  stage: RenewalStage;
  at: string;
  note?: string;
}

export interface RenewalStatus {
  renewalId: string;
  stage: RenewalStage;
  deliveryMethod: DeliveryMethod;
  officeId: string;
  timeline: TimelineEntry[];
  /** What the citizen or clerk must do next, if anything. */
  pendingAction?: string;
  rejectionReason?: string;
  counterMismatches: number;
}

export interface RenewalOutcome {
  stage: RenewalStage;
  newPassportNumber?: string;
  rejectionReason?: string;
}
