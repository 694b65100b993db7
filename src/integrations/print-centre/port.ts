/** The passport print centre of the issuing office. */
export interface PrintOrder {
  /** Idempotency key: one job per (renewal, issue number). */
  jobKey: string;
  officeId: string;
  validityYears: number;
}

export interface PrintedPassport {
  passportNumber: string;
  issuedOn: string;
  expiresOn: string;
}

export interface PrintCentre {
  /** Prints (or returns the already printed) passport of this job. */
  print(order: PrintOrder): Promise<PrintedPassport>;
}
