import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { SeedPerson } from '../../dev/sandboxes/seed-people';
import { citizenClient, type SandboxStack } from './sandbox-stack';

/**
 * A seeded citizen's renewal driven through the real API against the partner
 * sandboxes, as the citizen, SADAD and the clerk would drive it.
 */
export function sandboxJourneys(stack: SandboxStack) {
  const citizenOf = (person: SeedPerson) =>
    citizenClient(stack, { nationalId: person.nationalId, passportNumber: '', mobile: person.mobile });

  /** Started, accepted with `delivery` and paid (through the SADAD sandbox); returns the renewal id. */
  async function renewAndPay(person: SeedPerson, delivery: object): Promise<string> {
    const citizen = citizenOf(person);
    const renewalId: string = (await citizen.post('/v1/renewals', { officeId: 'RUH-01' }).expect(202)).body.renewalId;
    await citizen.waitForStage(renewalId, 'AWAITING_ACCEPTANCE');
    const review = await citizen.get(`/v1/renewals/${renewalId}/review`).expect(200);
    await citizen
      .post(`/v1/renewals/${renewalId}/acceptance`, {
        photoConfirmed: true,
        englishNameConfirmed: true,
        acceptedPledgeIds: review.body.requiredPledgeIds,
        validityYears: 10,
        delivery,
      })
      .expect(200);
    const bill = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    await stack.sandboxControl(`/sadad/bills/${bill.billNumber}/payment`);
    return renewalId;
  }

  /** Renewed for pickup at RUH-01 and handed over by its clerk; `wrongPassportFirst` makes one counter mismatch. */
  async function pickupRenewal(person: SeedPerson, options: { wrongPassportFirst?: boolean } = {}): Promise<string> {
    const renewalId = await renewAndPay(person, { method: 'PICKUP', officeId: 'RUH-01' });
    const citizen = citizenOf(person);
    await citizen.waitForStage(renewalId, 'READY_FOR_PICKUP');
    const clerk = stack.auth({ role: 'clerk', sub: 'clerk-7', office: 'RUH-01' });
    const counter = `/v1/counter/renewals/${renewalId}`;
    const verify = (presentedPassportNumber: string) =>
      request(stack.http)
        .post(`${counter}/verification`)
        .set({ ...clerk, 'Idempotency-Key': randomUUID() })
        .send({ presentedPassportNumber, identityConfirmed: true })
        .expect(200);
    if (options.wrongPassportFirst) await verify('Z9999999');
    await verify(person.passports.find((passport) => passport.status === 'VALID')!.passportNumber);
    await request(stack.http)
      .post(`${counter}/handover`)
      .set({ ...clerk, 'Idempotency-Key': randomUUID() })
      .send({})
      .expect(200);
    await citizen.waitForStage(renewalId, 'COMPLETED');
    return renewalId;
  }

  /** Renewed for home delivery: the Saudi Post sandbox carries it to the door and reports each step by webhook. */
  async function postRenewal(person: SeedPerson): Promise<string> {
    const renewalId = await renewAndPay(person, { method: 'POST' });
    await citizenOf(person).waitForStage(renewalId, 'COMPLETED', 90_000);
    return renewalId;
  }

  return { renewAndPay, pickupRenewal, postRenewal };
}
