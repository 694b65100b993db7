import { RENEWAL_STAGES } from '../../../workflows/contract';
import { clerkBearer, operatorBearer } from '../support/api';
import type { DeskSamples } from './samples';

/** What operators and clerks ask of the API, each kind with its bound on p99 (issue 27). */
export const DESK_KINDS = ['list', 'search', 'lookup', 'queue', 'audit', 'alerts'] as const;
export type DeskKind = (typeof DESK_KINDS)[number];

export const P99_BOUND_MS: Record<DeskKind, number> = {
  list: 50,
  search: 30,
  lookup: 30,
  queue: 30,
  audit: 30,
  alerts: 30,
};

/** How often each kind comes up at a desk: the list most, then what a renewal asked about leads to. */
const WEIGHTS: Array<[DeskKind, number]> = [
  ['list', 35],
  ['search', 10],
  ['lookup', 10],
  ['queue', 15],
  ['audit', 15],
  ['alerts', 15],
];

export interface DeskRequest {
  kind: DeskKind;
  path: string;
  /** A POST's body (the look-ups that take a national ID); a GET otherwise. */
  body?: object;
  authorization: string;
  /** The same list's next page, after this one. */
  next?: (nextCursor: string) => DeskRequest;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const chance = (p: number) => Math.random() < p;

/** The sandbox provider's operators, who take the lanes in turn (the bench's rate limits are out of the way). */
const OPERATORS = ['ops-1', 'ops-2'];

/**
 * The desk's people's bearer tokens: the sandbox provider's operators and each office's clerk, signed in through
 * the real sign-in. `renew()` before each load, so no timed request waits for a sign-in and none is sent with a
 * token past its five minutes (the held tokens are renewed a minute before they expire).
 */
export class DeskTokens {
  operators: string[] = [];
  clerks = new Map<string, string>();

  constructor(private readonly offices: readonly string[]) {}

  async renew(): Promise<this> {
    this.operators = await Promise.all(OPERATORS.map(operatorBearer));
    this.clerks = new Map(
      await Promise.all(this.offices.map(async (office) => [office, await clerkBearer(office)] as const)),
    );
    return this;
  }
}

/** A request of a paged list, whose next pages are the same request with the cursor each page gives. */
function paged(kind: DeskKind, first: string, authorization: string, path = first): DeskRequest {
  const withCursor = (cursor: string) => `${first}${first.includes('?') ? '&' : '?'}cursor=${cursor}`;
  return { kind, path, authorization, next: (cursor) => paged(kind, first, authorization, withCursor(cursor)) };
}

/** The desk's filters in any combination, as operators pick them from the page's lists. */
function listPath(samples: DeskSamples): string {
  const query = new URLSearchParams({ limit: '50' });
  if (chance(0.5)) query.set('stage', pick(RENEWAL_STAGES));
  if (chance(0.5)) query.set('officeId', pick(samples.offices));
  if (chance(0.25)) query.set('deliveryMethod', pick(['PICKUP', 'POST']));
  const attention = Math.random();
  if (attention < 0.15) query.set('pastDeadline', 'true');
  else if (attention < 0.2) query.set('overdue', 'true');
  else if (attention < 0.25) query.set('slaBreached', 'true');
  else if (attention < 0.4) query.set('stuckFor', pick(['PT48H', 'P7D', 'P30D']));
  return `/v1/operator/renewals?${query}`;
}

function alertsPath(samples: DeskSamples): string {
  const query = new URLSearchParams({ limit: '50' });
  const shape = Math.random();
  if (shape < 0.3) query.set('acknowledged', 'false');
  else if (shape < 0.5) query.set('kind', pick(samples.alertKinds));
  else if (shape < 0.65) query.set('renewalId', pick(samples.alerted));
  else if (shape < 0.8) {
    query.set('kind', pick(samples.alertKinds));
    query.set('since', new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString());
  } else if (shape < 0.9) {
    query.set('kind', pick(samples.alertKinds));
    query.set('acknowledged', 'false');
  }
  return `/v1/operator/alerts?${query}`;
}

/** A request of a kind drawn by the desk's weights. */
export function drawRequest(samples: DeskSamples, tokens: DeskTokens, lane: number): DeskRequest {
  const operator = tokens.operators[lane % tokens.operators.length];
  let roll = Math.random() * WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const kind = WEIGHTS.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'list';
  switch (kind) {
    case 'list':
      return paged('list', listPath(samples), operator);
    case 'search':
      return {
        kind,
        path: '/v1/operator/renewals/search',
        body: chance(0.5) ? { reference: pick(samples.renewals).reference } : { nationalId: pick(samples.nationalIds) },
        authorization: operator,
      };
    case 'lookup': {
      // Mostly a citizen whose passport waits there; now and then one with nothing there (a miss, audited too).
      const found = pick(samples.waiting);
      const office = chance(0.85) ? found.officeId : pick(samples.offices.filter((id) => id !== found.officeId));
      return {
        kind,
        path: '/v1/counter/renewals/lookup',
        body: { nationalId: found.nationalId },
        authorization: tokens.clerks.get(office)!,
      };
    }
    case 'queue': {
      const waiting = pick(samples.waiting);
      const clerk = tokens.clerks.get(waiting.officeId)!;
      return chance(0.25)
        ? { kind, path: `/v1/counter/queue?reference=${waiting.reference}`, authorization: clerk }
        : paged('queue', '/v1/counter/queue?limit=50', clerk);
    }
    case 'audit':
      return paged('audit', `/v1/operator/renewals/${pick(samples.renewals).renewalId}/audit?limit=50`, operator);
    case 'alerts':
      return paged('alerts', alertsPath(samples), operator);
  }
}
