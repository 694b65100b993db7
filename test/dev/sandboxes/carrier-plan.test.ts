import { planCarrierEvents } from '../../../dev/sandboxes/saudi-post/carrier-plan';
import { s10CheckDigit, trackingNumber } from '../../../dev/sandboxes/saudi-post/tracking-number';
import { seededRandom } from '../../../dev/sandboxes/random';

const types = (plan: ReturnType<typeof planCarrierEvents>) => plan.map((event) => event.type);

describe('carrier plan', () => {
  const behaviour = { lossProbability: 0, failedAttemptProbability: 0, maxDeliveryAttempts: 3 };

  it('delivers at the first attempt with proof when nothing goes wrong', () => {
    const plan = planCarrierEvents(behaviour, seededRandom(1, 'plan'));
    expect(types(plan)).toEqual(['ACCEPTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(['OTP', 'ID_CHECK']).toContain(plan[3].proof);
  });

  it('loses the envelope in transit when the loss probability is 1', () => {
    const plan = planCarrierEvents({ ...behaviour, lossProbability: 1 }, seededRandom(1, 'plan'));
    expect(types(plan)).toEqual(['ACCEPTED', 'IN_TRANSIT', 'LOST']);
  });

  it('returns the envelope after the last failed attempt', () => {
    const plan = planCarrierEvents(
      { ...behaviour, failedAttemptProbability: 1, maxDeliveryAttempts: 2 },
      seededRandom(1, 'plan'),
    );
    expect(types(plan)).toEqual([
      'ACCEPTED',
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERY_ATTEMPTED',
      'OUT_FOR_DELIVERY',
      'DELIVERY_ATTEMPTED',
      'RETURNED',
    ]);
    expect(plan[3].reason).toEqual(expect.any(String));
    expect(plan.at(-1)).toEqual({ type: 'RETURNED', reason: 'MAX_ATTEMPTS_REACHED' });
  });

  it('mixes outcomes in about the configured shares, reproducibly from the seed', () => {
    const mixed = { lossProbability: 0.1, failedAttemptProbability: 0.3, maxDeliveryAttempts: 3 };
    const random = seededRandom(5, 'plan');
    const finals = Array.from({ length: 2_000 }, () => planCarrierEvents(mixed, random).at(-1)!.type);
    expect(finals.filter((type) => type === 'LOST').length / finals.length).toBeCloseTo(0.1, 1);
    expect(finals.filter((type) => type === 'RETURNED').length / finals.length).toBeCloseTo(0.9 * 0.3 ** 3, 1);
    const replay = seededRandom(5, 'plan');
    expect(Array.from({ length: 2_000 }, () => planCarrierEvents(mixed, replay).at(-1)!.type)).toEqual(finals);
  });
});

describe('S10 tracking numbers', () => {
  it('computes the UPU check digit', () => {
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(trackingNumber(47312482)).toBe('RR473124829SA');
  });

  it('writes check values 10 and 11 as 0 and 5', () => {
    // 7 × 8 = 56 ≡ 1 (mod 11), so 11 − 1 = 10; a sum of 0 gives 11.
    expect(s10CheckDigit('70000000')).toBe(0);
    expect(s10CheckDigit('00000000')).toBe(5);
  });
});
