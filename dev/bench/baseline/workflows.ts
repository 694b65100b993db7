import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { BareActivities } from './activities';

/**
 * The floor the renewal workflow is measured against: only what the design
 * makes inherent to a pickup renewal. The six partner calls as no-op
 * activities, the three updates a person waits on (open with the eligibility
 * outcome, accept, the clerk's verification and handover) and the two partner
 * signals (payment, print completed), each wait bounded by its timer. No
 * projection, notifications or search attributes: those are what the real
 * workflow adds, and what the throughput ratio prices.
 */
export const openUpdate = defineUpdate<{ stage: string }>('open');
export const acceptUpdate = defineUpdate<{ totalSar: number }, [{ validityYears: number }]>('accept');
export const paymentSignal = defineSignal<[{ billNumber: string }]>('paymentReceived');
export const printedSignal = defineSignal<[{ passportNumber: string }]>('printJobCompleted');
export const verifyUpdate = defineUpdate<{ matched: boolean }, [{ passportNumber: string }]>('verify');
export const handOverUpdate = defineUpdate<{ newPassportNumber: string }>('handOver');

const partner = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

export async function bareRenewal(citizen: string): Promise<string> {
  let stage = 'ELIGIBILITY_CHECK';
  let accepted = false;
  let paid = false;
  let printed: string | undefined;
  let verified = false;
  let handoverAsked = false;

  const refuseUnless = (expected: string) => {
    if (stage !== expected) throw ApplicationFailure.nonRetryable(`not ${expected}`, 'WrongStage');
  };
  setHandler(openUpdate, async () => {
    await condition(() => stage !== 'ELIGIBILITY_CHECK');
    return { stage };
  });
  setHandler(
    acceptUpdate,
    (_terms) => {
      accepted = true;
      return { totalSar: 300 };
    },
    { validator: (_terms) => refuseUnless('AWAITING_ACCEPTANCE') },
  );
  setHandler(paymentSignal, () => void (paid = true));
  setHandler(printedSignal, ({ passportNumber }) => void (printed = passportNumber));
  // The clerk may ask as soon as the print is reported: the answer waits for the counter, no retries.
  setHandler(verifyUpdate, async () => {
    await condition(() => stage === 'READY_FOR_PICKUP');
    verified = true;
    return { matched: true };
  });
  setHandler(
    handOverUpdate,
    async () => {
      handoverAsked = true;
      await condition(() => stage === 'COMPLETED');
      return { newPassportNumber: printed! };
    },
    { validator: () => refuseUnless('READY_FOR_PICKUP') },
  );

  await partner.lookUpCitizen(citizen);
  stage = 'AWAITING_ACCEPTANCE';
  if (!(await condition(() => accepted, '14 days'))) return 'EXPIRED';
  await partner.issueBill(citizen);
  stage = 'AWAITING_PAYMENT';
  if (!(await condition(() => paid, '3 days'))) return 'CANCELLED';
  await partner.recordPayment(citizen);
  await partner.submitPrintJob(citizen);
  stage = 'PRINTING';
  if (!(await condition(() => printed !== undefined, '2 days'))) return 'FAILED';
  await partner.recordPrintedPassport(citizen);
  stage = 'READY_FOR_PICKUP';
  if (!(await condition(() => verified && handoverAsked, '10 days'))) return 'EXPIRED';
  await partner.activateNewPassport(citizen);
  stage = 'COMPLETED';
  await condition(allHandlersFinished);
  return stage;
}
