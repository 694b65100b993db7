import type { HeldTokens } from '../identity/held-tokens';
import { renewalWorkflowId } from '../../workflows/contract';
import { TERMINAL_STAGES } from '../../workflows/contract';
import type { RenewalStatus } from '../../workflows/contract';
import { DemoActor, DemoHttpError, retrying } from './demo-client';

export interface DemoSettings {
  apiUrl: string;
  sandboxUrl: string;
  /** The people's tokens, from the stack's identity provider. */
  tokens: HeldTokens;
  print(line: string): void;
}

export interface JourneyResult {
  label: string;
  renewalId: string;
  stage: string;
  workflowId: string;
}

interface Review {
  passport?: { passportNumber: string };
  requiredPledgeIds: string[];
  validityYearsAllowed: Array<5 | 10>;
}

type Kind = 'pickup' | 'delivery' | 'loss';

/**
 * Times as the people involved read them, Riyadh's, and saying so: on a machine (or a reader) on UTC a bare
 * "14:00:05" read as three hours later than it was.
 */
const riyadhTime = (iso: string) =>
  `${new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Asia/Riyadh', hour12: false })} Riyadh`;

/**
 * One renewal driven end to end through the API as its people would: the
 * citizen starts, reviews, accepts and pays (in the SADAD sandbox); then the
 * clerk hands over, or the carrier delivers, or an operator declares the
 * envelope lost and the replacement is delivered. Prints each step as it
 * arrives on the renewal's live status stream.
 */
export async function runJourney(
  settings: DemoSettings,
  kind: Kind,
  nationalId: string,
  officeId: string,
): Promise<JourneyResult> {
  const label = kind.padEnd(8);
  const say = (text: string) => settings.print(`[${label}] ${text}`);
  const { tokens } = settings;
  const citizen = new DemoActor(settings.apiUrl, () => tokens.citizen(nationalId));
  const clerk = new DemoActor(settings.apiUrl, () => tokens.clerk(officeId));
  const operator = new DemoActor(settings.apiUrl, () => tokens.operator());

  const renewalId = await start(citizen, operator, officeId, say);
  say(`renewal ${renewalId} started`);
  let printed = 0;
  let review: Review | undefined;
  let paid = false;
  let lossDeclared = false;
  let handedOver = false;
  let final: RenewalStatus | undefined;

  await citizen.follow(renewalId, async (status) => {
    for (const entry of status.timeline.slice(printed)) {
      say(`${riyadhTime(entry.at)}  ${entry.stage}${entry.note ? `  (${entry.note})` : ''}`);
    }
    printed = status.timeline.length;
    if (status.stage === 'AWAITING_ACCEPTANCE' && !review) {
      review = await citizen.get<Review>(`/v1/renewals/${renewalId}/review`);
      const validityYears = Math.max(...review.validityYearsAllowed);
      const delivery = kind === 'pickup' ? { method: 'PICKUP', officeId } : { method: 'POST' };
      const fee = await citizen.post<{ totalSar: number }>(`/v1/renewals/${renewalId}/acceptance`, {
        photoConfirmed: true,
        englishNameConfirmed: true,
        acceptedPledgeIds: review.requiredPledgeIds,
        validityYears,
        delivery,
      });
      say(`accepted: ${validityYears} years, ${delivery.method}, SAR ${fee.totalSar}`);
    }
    if (status.stage === 'AWAITING_PAYMENT' && status.billNumber && !paid) {
      paid = true;
      await payInSandbox(settings.sandboxUrl, status.billNumber);
      say(`SADAD bill ${status.billNumber} paid (SAR ${status.amountDueSar})`);
    }
    if (status.stage === 'READY_FOR_PICKUP' && kind === 'pickup' && !handedOver) {
      handedOver = true;
      const presentedPassportNumber = review?.passport?.passportNumber ?? '';
      const match = await clerk.post<{ matched: boolean }>(`/v1/counter/renewals/${renewalId}/verification`, {
        presentedPassportNumber,
        identityConfirmed: true,
      });
      say(`clerk at ${officeId}: old passport ${match.matched ? 'matches' : 'DOES NOT MATCH'}`);
      const handed = await clerk.post<{ newPassportNumber: string }>(`/v1/counter/renewals/${renewalId}/handover`, {});
      say(`clerk handed over new passport ${handed.newPassportNumber}`);
    }
    if (kind === 'loss' && !lossDeclared && status.issueNumber === 1 && status.stage === 'DISPATCHED') {
      lossDeclared = true;
      await retrying(
        () =>
          operator.post(`/v1/operator/renewals/${renewalId}/loss-declaration`, {
            reason: 'Demo: the carrier reports the envelope lost',
          }),
        ['shipment-not-in-transit'],
      );
      say('operator declared the envelope lost');
    }
    if (TERMINAL_STAGES.has(status.stage)) {
      final = status;
      return true;
    }
  });
  return { label: kind, renewalId, stage: final?.stage ?? 'UNKNOWN', workflowId: renewalWorkflowId(renewalId) };
}

/** Starts a renewal; one left in progress by an interrupted earlier demo is cancelled first. */
async function start(
  citizen: DemoActor,
  operator: DemoActor,
  officeId: string,
  say: (text: string) => void,
): Promise<string> {
  try {
    return (await citizen.post<{ renewalId: string }>('/v1/renewals', { officeId })).renewalId;
  } catch (error) {
    if (!(error instanceof DemoHttpError && error.is('renewal-in-progress') && error.body.renewalId)) throw error;
    say(`cancelling renewal ${error.body.renewalId}, left in progress by an earlier run`);
    await operator.post(`/v1/operator/renewals/${error.body.renewalId}/cancellation`, {
      reason: 'Demo restarted',
    });
    return (await citizen.post<{ renewalId: string }>('/v1/renewals', { officeId })).renewalId;
  }
}

/** The citizen pays at their bank: SADAD's side, reached through the sandbox's control route. */
async function payInSandbox(sandboxUrl: string, billNumber: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(`${sandboxUrl}/sandbox/sadad/bills/${billNumber}/payment`, { method: 'POST' });
    if (response.ok) return;
    if (Date.now() > deadline) throw new Error(`SADAD sandbox refused payment: ${response.status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
