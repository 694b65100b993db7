import { setTimeout as sleep } from 'node:timers/promises';
import { acceptance, citizenBearer, clerkBearer, HttpError, OFFICE, post } from './api';
import type { BenchCitizen } from './citizens';
import type { Observer } from './observer';
import type { Stack } from './stack';

/** The renewal workflow's id for a renewal id (workflows/contract/ids.ts; the bench imports no product code). */
export const renewalWorkflowId = (renewalId: string) => `passport-renewal-${renewalId}`;

export interface CreatedRenewal {
  renewalId: string;
  stage: string;
}

/** `POST /v1/renewals` as the citizen. */
export async function createRenewal(stack: Stack, citizen: BenchCitizen): Promise<CreatedRenewal> {
  return post<CreatedRenewal>(`${stack.apiUrl}/v1/renewals`, await citizenBearer(citizen.nationalId), {
    officeId: OFFICE,
  });
}

/**
 * One renewal from request to completion, the way people and partners drive
 * it: the citizen over the API, SADAD's payment through the sandbox's control
 * (its webhook signals the renewal), the print centre on its own, the clerk at
 * the counter (pickup) or Saudi Post's sandbox carrying the envelope (post).
 */
export async function renewThroughApi(
  stack: Stack,
  observer: Observer,
  citizen: BenchCitizen,
  delivery: 'PICKUP' | 'POST',
): Promise<string> {
  const citizenAuth = await citizenBearer(citizen.nationalId);
  const { renewalId, stage } = await createRenewal(stack, citizen);
  // Before update-with-start the answer came at ELIGIBILITY_CHECK and the citizen had to look again.
  if (stage !== 'AWAITING_ACCEPTANCE') await observer.stage(renewalId, 'AWAITING_ACCEPTANCE');
  await untilRightStage(() =>
    post(`${stack.apiUrl}/v1/renewals/${renewalId}/acceptance`, citizenAuth, acceptance(delivery)),
  );
  // The citizen pays once the renewal shows the bill awaiting payment: a payment signalled in the same workflow
  // task as the bill's issue is dropped by today's workflow (docs/benchmarks.md), which a person never meets.
  await observer.stage(renewalId, 'AWAITING_PAYMENT');
  const billNumber = await observer.bill(citizen.nationalId);
  await post(`${stack.sandboxUrl}/sandbox/sadad/bills/${billNumber}/payment`, undefined, {});
  if (delivery === 'PICKUP') {
    await observer.stage(renewalId, 'READY_FOR_PICKUP');
    const clerk = await clerkBearer();
    const counter = `${stack.apiUrl}/v1/counter/renewals/${renewalId}`;
    await untilRightStage(() =>
      post(`${counter}/verification`, clerk, {
        presentedPassportNumber: citizen.passportNumber,
        identityConfirmed: true,
      }),
    );
    await post(`${counter}/handover`, clerk, {});
  }
  await observer.stage(renewalId, 'COMPLETED');
  return renewalId;
}

/**
 * The read model shows a stage as soon as it is projected, a moment before the
 * workflow itself has moved on; an action in that moment is refused as
 * `WrongStage` (422), and the person simply tries again.
 */
async function untilRightStage<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const wrongStage = error instanceof HttpError && error.status === 422 && error.body.includes('"WrongStage"');
      if (!wrongStage || attempt >= 50) throw error;
      await sleep(100);
    }
  }
}
