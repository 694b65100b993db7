/** The steps at which the citizen is told, by SMS, where their renewal stands and what to do. */
export type CitizenNotice =
  | 'ACCEPTANCE_REQUESTED'
  | 'BILL_ISSUED'
  | 'PAYMENT_RECEIVED'
  | 'WASEL_SUBSCRIPTION_NEEDED'
  | 'ADDRESS_FALLBACK_TO_PICKUP'
  | 'PRINTING'
  | 'READY_FOR_PICKUP'
  | 'PICKUP_REMINDER'
  | 'DISPATCHED'
  | 'OUT_FOR_DELIVERY'
  | 'RETURNED_TO_OFFICE'
  | 'LOST_AND_REISSUING'
  | 'COMPLETED'
  | 'REJECTED'
  | 'EXPIRED'
  | 'CANCELLED'
  | 'FAILED';
