import {
  type AcceptanceRequest,
  ageOn,
  allowedValidityYears,
  type CitizenFacts,
  DELIVERY_METHODS,
  OFFICE_ID_PATTERN,
  type RenewalPolicy,
  VALIDITY_YEARS,
} from './contract';
import { refuse } from './refusal';

/** Machine-readable reasons a renewal is refused at the eligibility check. */
export type RejectionReason =
  | 'CITIZEN_NOT_FOUND'
  | 'NOT_A_CITIZEN'
  | 'NO_PASSPORT_ON_RECORD'
  | 'PASSPORT_LOST'
  | 'PASSPORT_STOLEN'
  | 'PASSPORT_CANCELLED'
  | 'TRAVEL_BAN'
  | 'UNPAID_TRAFFIC_FINES'
  | 'BIOMETRICS_MISSING';

/** Pure decision over the registry's facts; `undefined` means eligible. */
export function eligibilityProblem(
  facts: CitizenFacts | undefined,
  today: Date,
  policy: RenewalPolicy,
): RejectionReason | undefined {
  if (!facts) return 'CITIZEN_NOT_FOUND';
  if (!facts.isCitizen) return 'NOT_A_CITIZEN';
  const passport = facts.currentPassport;
  if (!passport) return 'NO_PASSPORT_ON_RECORD';
  if (passport.status === 'LOST') return 'PASSPORT_LOST';
  if (passport.status === 'STOLEN') return 'PASSPORT_STOLEN';
  if (passport.status === 'CANCELLED' || passport.status === 'VOIDED') return 'PASSPORT_CANCELLED';
  if (facts.travelBan) return 'TRAVEL_BAN';
  if (facts.unpaidFinesSar > 0) return 'UNPAID_TRAFFIC_FINES';
  if (ageOn(facts.dateOfBirth, today) >= policy.biometricsMinAge && !facts.biometricsOnRecord) {
    return 'BIOMETRICS_MISSING';
  }
  return undefined;
}

/**
 * The acceptance update's validator: a refused acceptance leaves no trace in
 * history, and the citizen is told exactly what to fix.
 */
export function validateAcceptance(
  request: AcceptanceRequest,
  facts: CitizenFacts,
  today: Date,
  policy: RenewalPolicy,
): void {
  if (request.photoConfirmed !== true) refuse('The photo on file must be confirmed', 'PhotoNotConfirmed');
  if (request.englishNameConfirmed !== true) {
    refuse('The name as written in English must be confirmed', 'EnglishNameNotConfirmed');
  }
  const accepted = new Set(request.acceptedPledgeIds ?? []);
  const missing = policy.requiredPledgeIds.filter((id) => !accepted.has(id));
  if (missing.length) refuse(`Required pledges not accepted: ${missing.join(', ')}`, 'PledgesMissing');
  if (!VALIDITY_YEARS.includes(request.validityYears)) {
    refuse(`validityYears must be ${VALIDITY_YEARS.join(' or ')}`, 'InvalidValidity');
  }
  // The rule the review offered the citizen by (RenewalsService), so an offered validity is never refused here.
  if (!allowedValidityYears(facts.dateOfBirth, today, policy.minAgeForTenYears).includes(request.validityYears)) {
    refuse(`Under ${policy.minAgeForTenYears}, only a 5-year passport can be issued`, 'ValidityNotAllowedForAge');
  }
  const delivery = request.delivery;
  if (delivery?.method === 'PICKUP') {
    if (!OFFICE_ID_PATTERN.test(delivery.officeId ?? ''))
      refuse('delivery.officeId is not a known office code', 'InvalidOffice');
  } else if (delivery?.method !== 'POST') {
    refuse(`delivery.method must be ${DELIVERY_METHODS.join(' or ')}`, 'InvalidDeliveryMethod');
  }
}
