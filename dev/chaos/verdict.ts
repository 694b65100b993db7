import { TERMINAL_STAGES, type RenewalStage } from '../../workflows/contract';
import type { ClientCounters } from './http-client';
import type { JourneyResult } from './journey';
import type { ChaosEventResult } from './monkey';
import type { Tally } from './tally';

/** Scenarios that end before anything is printed. */
const NEVER_PRINTS = new Set(['ineligible', 'never-accepts', 'never-pays', 'citizen-cancels']);
/** Refusals of an operator's cancellation that mean the renewal was already completing. */
const TOO_LATE_TO_CANCEL = new Set(['HandoverInProgress', 'AlreadyEnded', 'TooLate']);

/**
 * Whether a journey ended as its scenario allows. Besides the scenario's own ending, two are
 * legitimate whatever the scenario: print failures beyond the policy's limit (the print centre's
 * failure rate makes a few) end FAILED with PRINTING_FAILED, and an operator's cancellation that
 * came once the handover or delivery had begun was refused, so the renewal completed.
 */
export function isExpectedOutcome(journey: JourneyResult): boolean {
  const { scenario } = journey.planned;
  const stage = journey.stage as RenewalStage;
  if (scenario.expected.includes(stage)) return true;
  if (stage === 'FAILED' && journey.outcomeReason === 'PRINTING_FAILED' && !NEVER_PRINTS.has(scenario.name))
    return true;
  return (
    scenario.name === 'operator-cancels' &&
    stage === 'COMPLETED' &&
    journey.refusals.some((reason) => TOO_LATE_TO_CANCEL.has(reason))
  );
}

export interface RunEvidence {
  journeys: readonly JourneyResult[];
  tally: Tally;
  chaos: readonly ChaosEventResult[];
  plannedChaosSteps: number;
  unexpectedExits: ReadonlyArray<{ name: string }>;
  client: ClientCounters;
  /** Renewal and loss-claim dispute workflows Temporal still counts as running after the run. */
  workflowsRunning: number;
}

const sample = (ids: readonly string[]) => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;

/** Every way the run fell short of the bar; empty when it passed. */
export function failuresOf(evidence: RunEvidence): string[] {
  const { journeys, tally, client } = evidence;
  const failures: string[] = [];
  const check = (count: number, what: string, ids: readonly string[] = []) => {
    if (count > 0) failures.push(`${count} ${what}${ids.length ? `: ${sample(ids)}` : ''}`);
  };
  const notTerminal = journeys.filter((j) => !j.stage || !TERMINAL_STAGES.has(j.stage));
  check(
    notTerminal.length,
    'renewals not terminal within the time limit',
    notTerminal.map((j) => `${j.renewalId ?? `#${j.planned.index}`} (${j.stage ?? 'not started'}: ${j.error ?? ''})`),
  );
  const unexpected = journeys.filter((j) => j.stage && TERMINAL_STAGES.has(j.stage) && !isExpectedOutcome(j));
  check(
    unexpected.length,
    'renewals ended other than their scenario allows',
    unexpected.map((j) => `${j.renewalId} ${j.planned.scenario.name} → ${j.stage} ${j.outcomeReason ?? ''}`.trim()),
  );
  const disagree = journeys.filter((j) => j.renewalId && tally.readModel.get(j.renewalId) !== j.stage);
  check(
    disagree.length,
    'renewals whose read model differs from what the API answered',
    disagree.map((j) => j.renewalId!),
  );
  check(evidence.workflowsRunning, 'renewal or loss-claim dispute workflows still running in Temporal');
  check(tally.printJobs.duplicated.length, 'issues printed more than once', tally.printJobs.duplicated);
  check(tally.shipments.duplicated.length, 'dispatches with more than one shipment', tally.shipments.duplicated);
  check(tally.billsCharged.duplicated.length, 'renewals charged more than once', tally.billsCharged.duplicated);
  check(tally.lossClaims.duplicated.length, 'losses claimed more than once', tally.lossClaims.duplicated);
  check(
    tally.passportsActivated.duplicated.length,
    'renewals with two passports activated',
    tally.passportsActivated.duplicated,
  );
  check(tally.activatedButLost.length, 'renewals whose activated passport was lost', tally.activatedButLost);
  check(
    tally.activationMismatches.length,
    'renewals whose activated passports do not match their ending (one if and only if COMPLETED)',
    tally.activationMismatches,
  );
  check(
    tally.oldPassportStillValid.length,
    'completed renewals whose old passport is still valid',
    tally.oldPassportStillValid,
  );
  const webhooks = tally.webhooks;
  check(
    webhooks.reduce((sum, w) => sum + w.givenUp, 0),
    'webhooks given up',
  );
  check(
    webhooks.reduce((sum, w) => sum + w.pending, 0),
    'webhooks still pending after the run',
  );
  const failedSteps = evidence.chaos.filter((step) => step.error);
  check(
    failedSteps.length,
    'chaos steps that failed',
    failedSteps.map((s) => `${s.target}: ${s.error}`),
  );
  check(evidence.plannedChaosSteps - evidence.chaos.length, 'chaos steps not dealt out');
  check(
    evidence.unexpectedExits.length,
    'processes that died on their own',
    evidence.unexpectedExits.map((e) => e.name),
  );
  check(client.serverErrors, 'answers 500 (API or sandbox control)', client.serverErrorSamples);
  return failures;
}
