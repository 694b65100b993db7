import { setTimeout as sleep } from 'node:timers/promises';
import { type DeliveryMethod, type RenewalStage, TERMINAL_STAGES } from '../../workflows/contract';
import type { ChaosCitizen } from './citizens';
import { HttpProblem, type RetryingHttpClient } from './http-client';
import type { PlannedRenewal } from './scenarios';
import type { HeldTokens } from '../identity/held-tokens';

/** How one renewal went, as its people saw it through the API. */
export interface JourneyResult {
  planned: PlannedRenewal;
  nationalId: string;
  renewalId?: string;
  /** The last stage the API answered. */
  stage?: RenewalStage;
  outcomeReason?: string;
  /** Refusals met on the way (a cancellation that came too late, say), by reason. */
  refusals: string[];
  /** Calls of a step that found no answer within the client's budget (the step is tried again later). */
  unanswered: number;
  /** Set when the journey could not go on: no answer within the client's budget, or the time limit. */
  error?: string;
  startedAt: number;
  endedAt?: number;
}

export interface JourneyContext {
  api: RetryingHttpClient;
  sandboxes: RetryingHttpClient;
  tokens: HeldTokens;
  /** Every renewal must have ended by then. */
  deadline: number;
}

interface RenewalView {
  renewalId: string;
  stage: RenewalStage;
  officeId: string;
  deliveryMethod: DeliveryMethod;
}

interface Review {
  requiredPledgeIds: string[];
  validityYearsAllowed: Array<5 | 10>;
}

/** A citizen looks again every 1.2 to 3.6 s: often enough to act promptly, light enough for a loaded machine. */
const POLL_MS = 2_400;
/** Times a step is tried before the journey gives up on it (it is then left to the workflow's timers). */
const MAX_TRIES = 30;
/** Refusals that a later attempt may not meet (see `Journey.step`). */
const PASSING_REFUSALS = new Set(['WrongStage', 'shipment-not-in-transit']);
const IN_TRANSIT: ReadonlySet<RenewalStage> = new Set(['DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY']);
/** Stages after payment, where an operator's cancellation undoes printing, the passport or the shipment. */
const AFTER_PAYMENT: ReadonlySet<RenewalStage> = new Set([
  'AWAITING_ADDRESS',
  'PRINTING',
  'READY_FOR_PICKUP',
  ...IN_TRANSIT,
  'LOST',
  'REISSUING',
]);

/**
 * Drives one renewal through the API as its people would: the citizen starts it, reviews, accepts and
 * pays at the bank (the SADAD sandbox's control); a clerk verifies and hands over at the counter; an
 * operator declares a loss or cancels; each as its scenario says, polling the renewal's stage until it
 * ends. Every POST carries a key derived from the renewal and the step, so a retried call never acts
 * twice. It never throws: what went wrong is in the result.
 */
export class Journey {
  private readonly result: JourneyResult;
  private readonly home: number;
  /** Steps done (or refused for good), by name; a step is tried at each poll until then. */
  private readonly done = new Set<string>();
  private readonly tries = new Map<string, number>();
  private addressWaitSince?: number;

  constructor(
    private readonly context: JourneyContext,
    private readonly planned: PlannedRenewal,
    private readonly citizen: ChaosCitizen,
  ) {
    this.result = { planned, nationalId: citizen.nationalId, refusals: [], unanswered: 0, startedAt: Date.now() };
    // Each person keeps to one API process (as a browser keeps its connection); the client fails over.
    this.home = planned.index % 2;
  }

  async run(): Promise<JourneyResult> {
    try {
      const renewalId = await this.start();
      this.result.renewalId = renewalId;
      while (Date.now() < this.context.deadline) {
        const view = await this.unlessUnanswered(() =>
          this.get<RenewalView>(`/v1/renewals/${renewalId}`, this.citizenToken),
        );
        if (view) {
          this.result.stage = view.stage;
          if (TERMINAL_STAGES.has(view.stage)) break;
          await this.act(renewalId, view);
        }
        await sleep(POLL_MS / 2 + Math.random() * POLL_MS);
      }
      if (!this.result.stage || !TERMINAL_STAGES.has(this.result.stage)) {
        this.result.error = `still ${this.result.stage ?? 'unknown'} at the time limit`;
      } else {
        const status = await this.get<{ outcomeReason?: string }>(
          `/v1/renewals/${renewalId}/status`,
          this.citizenToken,
        );
        this.result.outcomeReason = status.outcomeReason;
      }
    } catch (error) {
      this.result.error = error instanceof Error ? error.message : String(error);
    }
    this.result.endedAt = Date.now();
    return this.result;
  }

  private async start(): Promise<string> {
    const created = await this.post<{ renewalId: string }>('/v1/renewals', this.citizenToken, 'create', {
      officeId: this.citizen.officeId,
    });
    return created.renewalId;
  }

  /** What the renewal's people do at this stage; each step until it is done. */
  private async act(renewalId: string, view: RenewalView): Promise<void> {
    const { scenario, variant } = this.planned;
    const stage = view.stage;
    const pending = (step: string) => !this.done.has(step);
    if (stage === 'AWAITING_ACCEPTANCE' && scenario.name !== 'never-accepts') {
      await this.step('acceptance', () => this.accept(renewalId));
    } else if (stage === 'AWAITING_PAYMENT' && scenario.name === 'citizen-cancels') {
      await this.step('citizen-cancellation', () => this.cancel(renewalId, 'citizen'));
    } else if (stage === 'AWAITING_PAYMENT' && scenario.name !== 'never-pays') {
      await this.step('payment', () => this.pay(renewalId));
    } else if (
      scenario.name === 'operator-cancels' &&
      pending('operator-cancellation') &&
      this.dueForOperatorCancel(stage)
    ) {
      await this.step('operator-cancellation', () => this.cancel(renewalId, 'operator'));
    } else if (stage === 'AWAITING_ADDRESS' && scenario.name === 'post-subscribes-later') {
      // The citizen reads the SMS telling them to subscribe, and does so a few seconds later.
      this.addressWaitSince ??= Date.now();
      if (Date.now() - this.addressWaitSince > 3_000) await this.step('wasel-subscription', () => this.subscribe());
    } else if (stage === 'READY_FOR_PICKUP') {
      const mismatches = scenario.name === 'pickup-with-mismatches' ? 1 + (variant % 3) : 0;
      await this.step('handover', () => this.handOver(renewalId, view.officeId, mismatches));
    } else if (IN_TRANSIT.has(stage) && scenario.name === 'post-loss-declared') {
      await this.step('loss-declaration', () => this.declareLoss(renewalId));
    }
  }

  /** Where the operator steps in: while printing, at the counter or in transit, by variant; later if missed. */
  private dueForOperatorCancel(stage: RenewalStage): boolean {
    if (!this.done.has('payment') || !AFTER_PAYMENT.has(stage)) return false;
    // Variant 0: as soon as printing starts; 1 (a pickup) at the counter; 2 (a post) in transit.
    return this.planned.variant % 3 === 0 || stage === 'READY_FOR_PICKUP' || IN_TRANSIT.has(stage);
  }

  /**
   * Runs a step of the journey unless it is done. A step is done when it succeeds or is refused for
   * good; it is tried again at a later poll, as a person would try again, when it found no answer
   * in time, or when it was refused for a reason that passes (`WrongStage`: the read model already
   * shows the stage the workflow is still entering; `shipment-not-in-transit`: the carrier has not
   * taken the envelope yet), at most `MAX_TRIES` times.
   */
  private async step(name: string, run: () => Promise<boolean | void>): Promise<void> {
    if (this.done.has(name)) return;
    const tries = (this.tries.get(name) ?? 0) + 1;
    this.tries.set(name, tries);
    try {
      // A step may find it cannot act yet (false): it is tried again at the next poll.
      if ((await run()) !== false) this.done.add(name);
    } catch (error) {
      if (error instanceof HttpProblem && (error.status === 409 || error.status === 422)) {
        const reason = String(error.body.reason ?? error.slug ?? error.status);
        this.result.refusals.push(reason);
        if (!PASSING_REFUSALS.has(reason) || tries >= MAX_TRIES) this.done.add(name);
      } else if (error instanceof HttpProblem) {
        throw error;
      } else {
        this.result.unanswered += 1;
      }
    }
  }

  /** A call that may find no answer within the client's budget: undefined then, and counted. */
  private async unlessUnanswered<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      this.result.unanswered += 1;
      return undefined;
    }
  }

  private async accept(renewalId: string): Promise<void> {
    const review = await this.get<Review>(`/v1/renewals/${renewalId}/review`, this.citizenToken);
    const { scenario, variant } = this.planned;
    // Most ask for the longest validity they may have; one in four for five years.
    const validityYears = variant % 4 === 0 ? 5 : Math.max(...review.validityYearsAllowed);
    // An operator's cancellation at the counter needs a pickup (variant 1), in transit a post (variant 2).
    const delivery =
      scenario.name === 'operator-cancels' && variant % 3 === 1
        ? 'PICKUP'
        : scenario.name === 'operator-cancels'
          ? 'POST'
          : scenario.delivery;
    await this.post(`/v1/renewals/${renewalId}/acceptance`, this.citizenToken, 'acceptance', {
      photoConfirmed: true,
      englishNameConfirmed: true,
      acceptedPledgeIds: review.requiredPledgeIds,
      validityYears,
      delivery: delivery === 'PICKUP' ? { method: 'PICKUP', officeId: this.citizen.officeId } : { method: 'POST' },
    });
  }

  /** The citizen pays at their bank once the bill number is known (not yet: the step is tried again). */
  private async pay(renewalId: string): Promise<boolean> {
    const status = await this.get<{ billNumber?: string }>(`/v1/renewals/${renewalId}/status`, this.citizenToken);
    if (!status.billNumber) return false;
    await this.context.sandboxes.post(`/sandbox/sadad/bills/${status.billNumber}/payment`, { body: {} });
    return true;
  }

  private async subscribe(): Promise<void> {
    await this.context.sandboxes.post('/sandbox/wasel/subscriptions', {
      body: { nationalId: this.citizen.nationalId, address: this.citizen.address },
    });
  }

  private async cancel(renewalId: string, by: 'citizen' | 'operator'): Promise<void> {
    const path =
      by === 'citizen' ? `/v1/renewals/${renewalId}/cancellation` : `/v1/operator/renewals/${renewalId}/cancellation`;
    const token = by === 'citizen' ? this.citizenToken : () => this.context.tokens.operator();
    await this.post(path, token, `${by}-cancellation`, { reason: `chaos run: ${by} cancels` });
  }

  /** The clerk enters a wrong old passport number `mismatches` times, then the right one, then hands over. */
  private async handOver(renewalId: string, officeId: string, mismatches: number): Promise<void> {
    const clerk = () => this.context.tokens.clerk(officeId);
    const counter = `/v1/counter/renewals/${renewalId}`;
    for (let mismatch = 1; mismatch <= mismatches; mismatch++) {
      // Each wrong number is its own request (its own key): a repeat of this step replays them.
      await this.post(counter + '/verification', clerk, `verification-${mismatch}`, {
        presentedPassportNumber: `Z${String(this.planned.index).padStart(7, '0')}`,
        identityConfirmed: true,
      });
    }
    await this.post(counter + '/verification', clerk, 'verification', {
      presentedPassportNumber: this.citizen.passportNumber,
      identityConfirmed: true,
    });
    await this.post(counter + '/handover', clerk, 'handover', {});
  }

  /** An operator declares the envelope lost. */
  private async declareLoss(renewalId: string): Promise<void> {
    await this.post(
      `/v1/operator/renewals/${renewalId}/loss-declaration`,
      () => this.context.tokens.operator(),
      'loss',
      {
        reason: 'chaos run: the carrier cannot find the envelope',
      },
    );
  }

  private readonly citizenToken = () => this.context.tokens.citizen(this.citizen.nationalId);

  private get<T>(path: string, token: () => Promise<string>): Promise<T> {
    return this.context.api.get<T>(path, { token, home: this.home });
  }

  private post<T = unknown>(path: string, token: () => Promise<string>, step: string, body: unknown): Promise<T> {
    // The same key on every retry of this step of this renewal, and never for another step.
    const key = `chaos-${this.planned.index}-${this.result.renewalId ?? 'new'}-${step}`;
    return this.context.api.post<T>(path, { token, body, idempotencyKey: key, home: this.home });
  }
}
