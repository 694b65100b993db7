/** The six partner calls of a pickup renewal, doing nothing: their cost is Temporal's alone. */
const noop = async (_citizen: string): Promise<void> => undefined;

export const bareActivities = {
  lookUpCitizen: noop,
  issueBill: noop,
  recordPayment: noop,
  submitPrintJob: noop,
  recordPrintedPassport: noop,
  activateNewPassport: noop,
};

export type BareActivities = typeof bareActivities;
