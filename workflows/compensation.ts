import { permanentFailureType } from './refusal';
import { type Answered, StageClock } from './stage-clock';
import { after } from './timing';

/**
 * The side effects of a renewal that can still be undone, as a stack (the saga
 * pattern): each part pushes the undo step of what it has just done, and takes it
 * off again once that side effect is resolved (the print job finished, the
 * passport handed over or voided, the shipment closed); a paid bill trades its
 * withdrawal for a refund. Cancelling or failing the renewal then undoes exactly
 * what was done and is still outstanding, last first.
 *
 * The undo steps are the parts' own activity calls, and every one of them is
 * idempotent, so a step interrupted half-way is simply run again. Each step gets
 * the policy's compensation window on a clock of its own: a partner that does
 * not answer by then (often the very one whose silence ended the renewal) has
 * its step handed to operators, and the unwinding goes on, so undoing never
 * stalls the renewal either.
 */
export type SideEffect = 'BILL' | 'PAYMENT' | 'PRINT_JOB' | 'PRINTED_PASSPORT' | 'SHIPMENT';

/** The names the cancellation reports, e.g. `BILL_CANCELLED`, `SHIPMENT_RECALLED`. */
export type CompensationName =
  'BILL_CANCELLED' | 'PAYMENT_REFUNDED' | 'PRINT_JOB_CANCELLED' | 'PASSPORT_VOIDED' | 'SHIPMENT_RECALLED';

/** Takes a side effect back, its partner calls on `clock`; false if a partner did not answer in time. */
export type Undo = (reason: string, clock: StageClock) => Promise<boolean>;

interface UndoStep {
  effect: SideEffect;
  name: CompensationName;
  undo: Undo;
}

/** Whether a call on a clock was answered in time (for undo steps). */
export function answered(answer: Answered<unknown> | undefined): boolean {
  return answer !== undefined;
}

export class Compensation {
  private readonly steps: UndoStep[] = [];
  private readonly undone: CompensationName[] = [];

  constructor(
    private readonly windowMs: number,
    /** An undo step whose partner did not answer within the window (or refused it): operators take it over. */
    private readonly handOver: (name: CompensationName, reason: string, refusal?: string) => Promise<void>,
  ) {}

  /** `effect` has just happened; `undo` takes it back (each effect is outstanding at most once). */
  push(effect: SideEffect, name: CompensationName, undo: Undo): void {
    this.resolve(effect);
    this.steps.push({ effect, name, undo });
  }

  /** `effect` ended on its own terms (completed, closed, handed over): nothing left to undo. */
  resolve(effect: SideEffect): void {
    const index = this.steps.findIndex((step) => step.effect === effect);
    if (index >= 0) this.steps.splice(index, 1);
  }

  /**
   * Undoes one outstanding effect now, as the flow decided (an expired bill, a
   * passport never collected or lost, a shipment brought back): part of the
   * renewal going on, so not among what a cancellation reports it undid.
   */
  async undo(effect: SideEffect, reason: string): Promise<void> {
    const step = this.steps.find((candidate) => candidate.effect === effect);
    if (step) await this.run(step, reason, false);
  }

  /** Undoes everything still outstanding, in reverse order of doing it. */
  async unwind(reason: string): Promise<void> {
    for (let step = this.steps.at(-1); step; step = this.steps.at(-1)) await this.run(step, reason, true);
  }

  /** What the unwinding has undone so far, in the order it was undone (a step handed to operators is not). */
  done(): CompensationName[] {
    return [...this.undone];
  }

  private async run(step: UndoStep, reason: string, report: boolean): Promise<void> {
    // Taken off the stack only once undone (or handed over): if cancellation interrupts it, the unwind runs it again.
    let done: boolean;
    let refusal: string | undefined;
    try {
      done = await step.undo(reason, StageClock.until(after(this.windowMs)));
    } catch (error) {
      // A partner refusing the undo for good (a bill paid meanwhile, say) is for operators to settle, too.
      refusal = permanentFailureType(error);
      if (!refusal) throw error;
      done = false;
    }
    const index = this.steps.indexOf(step);
    if (index >= 0) this.steps.splice(index, 1);
    if (!done) await this.handOver(step.name, reason, refusal);
    else if (report) this.undone.push(step.name);
  }
}
