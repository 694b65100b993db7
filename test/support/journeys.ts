import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { SeedPerson } from '../../dev/sandboxes/seed-people';
import { eventually } from './eventually';
import { validPassportOf } from './fixtures';
import type { SandboxStack, Stack } from './stack';

/** A citizen using the API with their own token (signed in at the suite's identity provider). */
export async function citizenClient(stack: Stack, person: { nationalId: string }) {
  const auth = await stack.auth({ role: 'citizen', nationalId: person.nationalId });
  const post = (path: string, body: object) =>
    request(stack.http)
      .post(path)
      .set({ ...auth, 'Idempotency-Key': randomUUID() })
      .send(body);
  const waitForStage = (renewalId: string, stage: string, timeoutMs = 60_000) =>
    eventually(
      async () => {
        const response = await request(stack.http).get(`/v1/renewals/${renewalId}/status`).set(auth);
        return response.body.stage === stage ? response.body : undefined;
      },
      `stage ${stage}`,
      timeoutMs,
    );
  return {
    get: (path: string) => request(stack.http).get(path).set(auth),
    post,
    status: async (renewalId: string) =>
      (await request(stack.http).get(`/v1/renewals/${renewalId}/status`).set(auth).expect(200)).body,
    waitForStage,
    /** Starts a renewal at RUH-01 and accepts its terms (10 years, every pledge): it then awaits payment. */
    async startAndAccept(delivery: object): Promise<string> {
      const renewalId: string = (await post('/v1/renewals', { officeId: 'RUH-01' }).expect(202)).body.renewalId;
      await waitForStage(renewalId, 'AWAITING_ACCEPTANCE');
      const review = await request(stack.http).get(`/v1/renewals/${renewalId}/review`).set(auth).expect(200);
      await post(`/v1/renewals/${renewalId}/acceptance`, {
        photoConfirmed: true,
        englishNameConfirmed: true,
        acceptedPledgeIds: review.body.requiredPledgeIds,
        validityYears: 10,
        delivery,
      }).expect(200);
      return renewalId;
    },
  };
}

/** The clerk at RUH-01's counter. */
export async function counterClerk(stack: Stack) {
  const clerk = await stack.auth({ role: 'clerk', office: 'RUH-01' });
  const command = (renewalId: string, action: string, body: object) =>
    request(stack.http)
      .post(`/v1/counter/renewals/${renewalId}/${action}`)
      .set({ ...clerk, 'Idempotency-Key': randomUUID() })
      .send(body)
      .expect(200);
  return {
    /** Checks the old passport the citizen presents. */
    verify: (renewalId: string, presentedPassportNumber: string) =>
      command(renewalId, 'verification', { presentedPassportNumber, identityConfirmed: true }),
    handOver: (renewalId: string) => command(renewalId, 'handover', {}),
  };
}

/** The clerk at RUH-01 verifies the citizen's old passport, then hands the new one over. */
export async function handOverAtCounter(stack: Stack, renewalId: string, oldPassportNumber: string): Promise<void> {
  const clerk = await counterClerk(stack);
  await clerk.verify(renewalId, oldPassportNumber);
  await clerk.handOver(renewalId);
}

/**
 * A seeded citizen's renewal driven through the real API against the partner
 * sandboxes, as the citizen, SADAD and the clerk would drive it.
 */
export function sandboxJourneys(stack: SandboxStack) {
  /** Started, accepted with `delivery` and paid (through the SADAD sandbox); returns the renewal id. */
  async function renewAndPay(person: SeedPerson, delivery: object): Promise<string> {
    const citizen = await citizenClient(stack, person);
    const renewalId = await citizen.startAndAccept(delivery);
    const bill = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    await stack.sandboxControl(`/sadad/bills/${bill.billNumber}/payment`);
    return renewalId;
  }

  /** Renewed for pickup at RUH-01 and handed over by its clerk; `wrongPassportFirst` makes one counter mismatch. */
  async function pickupRenewal(person: SeedPerson, options: { wrongPassportFirst?: boolean } = {}): Promise<string> {
    const renewalId = await renewAndPay(person, { method: 'PICKUP', officeId: 'RUH-01' });
    const citizen = await citizenClient(stack, person);
    await citizen.waitForStage(renewalId, 'READY_FOR_PICKUP');
    if (options.wrongPassportFirst) await (await counterClerk(stack)).verify(renewalId, 'Z9999999');
    await handOverAtCounter(stack, renewalId, validPassportOf(person).passportNumber);
    await citizen.waitForStage(renewalId, 'COMPLETED');
    return renewalId;
  }

  /** Renewed for home delivery: the Saudi Post sandbox carries it to the door and reports each step by webhook. */
  async function postRenewal(person: SeedPerson): Promise<string> {
    const renewalId = await renewAndPay(person, { method: 'POST' });
    await (await citizenClient(stack, person)).waitForStage(renewalId, 'COMPLETED', 90_000);
    return renewalId;
  }

  return { renewAndPay, pickupRenewal, postRenewal };
}
