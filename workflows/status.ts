import type { RenewalStage } from './contract';

/** What someone must do next for the renewal to move on, as the status shows it. */
export function pendingActionAt(
  stage: RenewalStage,
  { oldPassportVerified, billIssued }: { oldPassportVerified: boolean; billIssued: boolean },
): string | undefined {
  switch (stage) {
    case 'AWAITING_ACCEPTANCE':
      return 'CITIZEN_REVIEW_AND_ACCEPT';
    case 'AWAITING_PAYMENT':
      // Nothing to pay before SADAD has issued the bill.
      return billIssued ? 'CITIZEN_PAY_BILL' : undefined;
    case 'AWAITING_ADDRESS':
      return 'CITIZEN_SUBSCRIBE_TO_WASEL';
    case 'READY_FOR_PICKUP':
      return oldPassportVerified ? 'CLERK_HAND_OVER_NEW_PASSPORT' : 'CITIZEN_VISIT_OFFICE_WITH_OLD_PASSPORT';
    case 'OUT_FOR_DELIVERY':
      return 'CITIZEN_RECEIVE_COURIER_WITH_OLD_PASSPORT';
    default:
      return undefined;
  }
}
