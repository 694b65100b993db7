import type { DeliveryMethod, RenewalStage } from '../../workflows/contract';
import { seededRandom } from '../sandboxes/random';

/**
 * What the people around one renewal do. The sandboxes add their own fate on top (a lost envelope,
 * failed delivery attempts, a failed print), so a post renewal may end at the counter all the same.
 */
export type ScenarioName =
  | 'pickup'
  | 'pickup-with-mismatches'
  | 'post'
  | 'post-subscribes-later'
  | 'post-never-subscribes'
  | 'post-loss-declared'
  | 'citizen-cancels'
  | 'operator-cancels'
  | 'never-accepts'
  | 'never-pays'
  | 'ineligible';

export interface Scenario {
  name: ScenarioName;
  /** Share of the renewals, in percent. */
  weight: number;
  /** How the renewal must end; anything else is an unexpected outcome (see `expectedStages`). */
  expected: RenewalStage[];
  delivery: DeliveryMethod;
  /** The citizen holds a Wasel national address from the start. */
  subscribed: boolean;
  /** The citizen has a travel ban: refused at the eligibility check. */
  travelBan?: boolean;
  describe: string;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'pickup',
    weight: 22,
    expected: ['COMPLETED'],
    delivery: 'PICKUP',
    subscribed: false,
    describe: 'accept, pay, the clerk matches the old passport and hands over',
  },
  {
    name: 'pickup-with-mismatches',
    weight: 8,
    expected: ['COMPLETED'],
    delivery: 'PICKUP',
    subscribed: false,
    describe: 'the clerk first enters a wrong old passport number 1 to 3 times, then the right one',
  },
  {
    name: 'post',
    weight: 32,
    expected: ['COMPLETED'],
    delivery: 'POST',
    subscribed: true,
    describe: 'home delivery; losses, failed attempts and returns as the carrier sandbox draws them',
  },
  {
    name: 'post-subscribes-later',
    weight: 5,
    expected: ['COMPLETED'],
    delivery: 'POST',
    subscribed: false,
    describe: 'no Wasel address at first; the citizen subscribes while the renewal waits for it',
  },
  {
    name: 'post-never-subscribes',
    weight: 3,
    expected: ['COMPLETED'],
    delivery: 'POST',
    subscribed: false,
    describe: 'never subscribes to Wasel: after the address window, pickup at the office instead',
  },
  {
    name: 'post-loss-declared',
    weight: 5,
    expected: ['COMPLETED'],
    delivery: 'POST',
    subscribed: true,
    describe: 'an operator declares the first envelope lost while it travels; a replacement follows',
  },
  {
    name: 'citizen-cancels',
    weight: 6,
    expected: ['CANCELLED'],
    delivery: 'PICKUP',
    subscribed: false,
    describe: 'the citizen withdraws once the bill is issued, before paying',
  },
  {
    name: 'operator-cancels',
    weight: 8,
    // A cancellation that reaches an envelope the carrier has just delivered finds nothing left to undo.
    expected: ['CANCELLED', 'COMPLETED'],
    delivery: 'POST',
    subscribed: true,
    describe: 'an operator cancels after payment: while printing, at the counter or in transit',
  },
  {
    name: 'never-accepts',
    weight: 3,
    expected: ['EXPIRED'],
    delivery: 'PICKUP',
    subscribed: false,
    describe: 'the citizen never accepts: the acceptance window expires',
  },
  {
    name: 'never-pays',
    weight: 3,
    expected: ['CANCELLED'],
    delivery: 'PICKUP',
    subscribed: false,
    describe: 'the citizen accepts but never pays: the bill expires',
  },
  {
    name: 'ineligible',
    weight: 5,
    expected: ['REJECTED'],
    delivery: 'PICKUP',
    subscribed: false,
    travelBan: true,
    describe: 'a travel ban: refused at the eligibility check',
  },
];

/** One renewal the run will drive: its number in the run and what its people do. */
export interface PlannedRenewal {
  index: number;
  scenario: Scenario;
  /** Picks among a scenario's variants (validity, where an operator cancels, how many mismatches). */
  variant: number;
}

/**
 * The mix for `count` renewals: each scenario gets its share (largest remainders, and at least one
 * each when there are enough renewals), shuffled by the seed, so a small run covers every scenario
 * and the same seed plans the same run.
 */
export function planRenewals(count: number, seed: number): PlannedRenewal[] {
  const total = SCENARIOS.reduce((sum, scenario) => sum + scenario.weight, 0);
  const exact = SCENARIOS.map((scenario) => (count * scenario.weight) / total);
  const quotas = exact.map((share) => Math.floor(share));
  if (count >= SCENARIOS.length) quotas.forEach((quota, i) => (quotas[i] = Math.max(quota, 1)));
  const byRemainder = SCENARIOS.map((_, i) => i).sort((a, b) => exact[b] - quotas[b] - (exact[a] - quotas[a]));
  for (let k = 0; quotas.reduce((a, b) => a + b, 0) < count; k++) quotas[byRemainder[k % SCENARIOS.length]] += 1;
  while (quotas.reduce((a, b) => a + b, 0) > count) quotas[quotas.indexOf(Math.max(...quotas))] -= 1;

  const scenarios = SCENARIOS.flatMap((scenario, i) => Array<Scenario>(quotas[i]).fill(scenario));
  const random = seededRandom(seed, 'chaos/mix');
  for (let i = scenarios.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [scenarios[i], scenarios[j]] = [scenarios[j], scenarios[i]];
  }
  return scenarios.map((scenario, index) => ({ index, scenario, variant: Math.floor(random() * 1_000) }));
}
