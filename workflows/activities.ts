import {
  type ActivityOptions,
  ActivityCancellationType,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import { ACTIVITY_SUMMARIES, type RenewalActivities } from './contract';

/**
 * Activity stubs, with retry and timeout policies that fit each kind of work.
 * Calls to partner systems retry transient faults (timeouts, 5xx, 429) with
 * backoff; a stage's clock bounds how long (`partnerCallWithin`), and the few
 * plain stubs below retry for as long as it takes (the activation handed to
 * operators, the read model). What a partner refuses for good arrives as a
 * non-retryable ApplicationFailure and is decided on by the workflow.
 */
const PARTNER_CALL = {
  startToCloseTimeout: '30 seconds',
  // On cancellation the renewal moves straight to compensation, which is idempotent and does not
  // depend on whether a call in flight landed; asking the server to cancel it would only race its completion.
  cancellationType: ActivityCancellationType.ABANDON,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
} as const;

/** The activities that call a partner system (all but the read model's local activity). */
export type PartnerActivities = Omit<RenewalActivities, 'recordProgress'>;

/**
 * The partner call `name` given up by the server once `ms` have passed since
 * it was scheduled (its schedule-to-close timeout): retries stop there, and a
 * hanging attempt is timed out, so nothing is left running behind the renewal.
 * The stage clock calls partners through this, one window at a time
 * (stage-clock.ts). No timer and no extra event while the partner answers.
 */
export function partnerCallWithin<N extends keyof PartnerActivities>(name: N, ms: number): PartnerActivities[N] {
  const options = {
    ...PARTNER_CALL,
    scheduleToCloseTimeout: Math.max(1, Math.ceil(ms)),
    summary: ACTIVITY_SUMMARIES[name],
  };
  return proxyActivities<PartnerActivities>(options)[name];
}

/**
 * Stubs like `proxyActivities`, each activity carrying its summary for the
 * Temporal UI's timeline (user metadata on the scheduling command: the
 * server does not compare it on replay, so recorded histories still replay).
 */
function summarised<A extends Partial<RenewalActivities>>(options: ActivityOptions): A {
  return new Proxy({} as A, {
    get(_, name) {
      if (typeof name !== 'string') return undefined;
      const summary = ACTIVITY_SUMMARIES[name as keyof RenewalActivities];
      return proxyActivities<A>({ ...options, summary })[name as keyof A];
    },
  });
}

/**
 * The renewal's progress in our own database, as a local activity: one marker
 * event, no task-queue round trip. Each attempt is short; retries never stop,
 * because a local activity retried past a schedule-to-close timeout fails like
 * any activity, and a PostgreSQL outage of minutes must make the renewal wait,
 * not fail. A blip of a few seconds is retried inside the worker at no cost in
 * history; longer backoffs (past `localRetryThreshold`) become server timers, a
 * few events each, rather than a workflow-task heartbeat every eight seconds.
 */
export const progress = proxyLocalActivities<Pick<RenewalActivities, 'recordProgress'>>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '5 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

/**
 * The calls made without a clock: the activation once operators have taken it over (it must land, however
 * late), and the read model's record of a failed print job. Every other partner call goes through a stage's
 * clock (`partnerCallWithin`, stage-clock.ts).
 */
export const registry = summarised<Pick<RenewalActivities, 'activateNewPassport'>>(PARTNER_CALL);

export const printing = summarised<Pick<RenewalActivities, 'recordPrintFailure'>>(PARTNER_CALL);
