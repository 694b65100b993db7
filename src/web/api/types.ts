import type { DeliveryMethod } from '../../../workflows/contract/acceptance';
import type { RenewalStage } from '../../../workflows/contract/stages';

/** The API's views, as the pages read them (see the OpenAPI document at /docs). */
export interface RenewalView {
  renewalId: string;
  stage: RenewalStage;
  deliveryMethod: DeliveryMethod;
  officeId: string;
  stageDeadline: string | null;
  slaBreached: boolean;
  stageEnteredAt: string;
  createdAt: string;
}

/** The live status, exactly as the API serializes the workflow's (see RenewalStatusView). */
export type { RenewalStatus, TimelineEntry } from '../../../workflows/contract/renewal';

export interface Review {
  renewalId: string;
  photoRef: string;
  nameAr: string;
  nameEn: string;
  dateOfBirth: string;
  mobile: string;
  passport?: { passportNumber: string; status: string; expiresOn: string };
  requiredPledgeIds: string[];
  validityYearsAllowed: Array<5 | 10>;
  fees: { fiveYearsSar: number; tenYearsSar: number; postageSar: number };
}

export interface RenewalPage {
  items: RenewalView[];
  total: number;
}

export interface AuditEvent {
  at: string;
  actor: string;
  action: string;
  outcome: string;
  details: Record<string, unknown>;
}
