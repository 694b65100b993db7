/**
 * The side effects of a renewal that can still be undone, as a stack (the saga
 * pattern): each part pushes the undo step of what it has just done, and takes it
 * off again once that side effect is resolved (the print job finished, the
 * passport handed over or voided, the shipment closed); a paid bill trades its
 * withdrawal for a refund. Cancelling or failing the renewal then undoes exactly
 * what was done and is still outstanding, last first.
 *
 * Pure bookkeeping: the undo steps are the parts' own activity calls, and every
 * one of them is idempotent, so a step interrupted half-way is simply run again.
 */
export type SideEffect = 'BILL' | 'PAYMENT' | 'PRINT_JOB' | 'PRINTED_PASSPORT' | 'SHIPMENT';

/** The names the cancellation reports, e.g. `BILL_CANCELLED`, `SHIPMENT_RECALLED`. */
export type CompensationName =
  'BILL_CANCELLED' | 'PAYMENT_REFUNDED' | 'PRINT_JOB_CANCELLED' | 'PASSPORT_VOIDED' | 'SHIPMENT_RECALLED';

interface UndoStep {
  effect: SideEffect;
  name: CompensationName;
  undo: (reason: string) => Promise<unknown>;
}

export class Compensation {
  private readonly steps: UndoStep[] = [];
  private readonly undone: CompensationName[] = [];

  /** `effect` has just happened; `undo` takes it back (each effect is outstanding at most once). */
  push(effect: SideEffect, name: CompensationName, undo: (reason: string) => Promise<unknown>): void {
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
   * passport never collected); reported among the compensations like any other.
   */
  async undo(effect: SideEffect, reason: string): Promise<void> {
    const step = this.steps.find((candidate) => candidate.effect === effect);
    if (step) await this.run(step, reason);
  }

  /** Undoes everything still outstanding, in reverse order of doing it. */
  async unwind(reason: string): Promise<void> {
    for (let step = this.steps.at(-1); step; step = this.steps.at(-1)) await this.run(step, reason);
  }

  /** What has been undone so far, in the order it was undone. */
  done(): CompensationName[] {
    return [...this.undone];
  }

  private async run(step: UndoStep, reason: string): Promise<void> {
    // Taken off the stack only once undone: if cancellation interrupts it, the unwind runs it again.
    await step.undo(reason);
    const index = this.steps.indexOf(step);
    if (index >= 0) this.steps.splice(index, 1);
    this.undone.push(step.name);
  }
}
