import type { CitizenFacts } from '../src/integrations/civil-registry/port';

/** Machine-readable reasons a renewal is refused. */
export type RejectionReason =
  | 'CITIZEN_NOT_FOUND'
  | 'NOT_A_CITIZEN'
  | 'NO_PASSPORT_ON_RECORD'
  | 'PASSPORT_LOST'
  | 'PASSPORT_STOLEN'
  | 'PASSPORT_CANCELLED'
  | 'TRAVEL_BAN';

/** Pure decision over the registry's facts; `undefined` means eligible. */
export function eligibilityProblem(facts: CitizenFacts | undefined): RejectionReason | undefined {
  if (!facts) return 'CITIZEN_NOT_FOUND';
  if (!facts.isCitizen) return 'NOT_A_CITIZEN';
  const passport = facts.currentPassport;
  if (!passport) return 'NO_PASSPORT_ON_RECORD';
  if (passport.status === 'LOST') return 'PASSPORT_LOST';
  if (passport.status === 'STOLEN') return 'PASSPORT_STOLEN';
  if (passport.status === 'CANCELLED') return 'PASSPORT_CANCELLED';
  if (facts.travelBan) return 'TRAVEL_BAN';
  return undefined;
}
