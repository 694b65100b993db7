import { setHandler } from '@temporalio/workflow';
import { printing } from './activities';
import { answered } from './compensation';
import {
  type PrintJobCompleted,
  printJobCompletedSignal,
  printJobFailedSignal,
  printJobKey,
  type ValidityYears,
} from './contract';
import type { RenewalContext } from './renewal-context';

type PrintResult = { ok: true; passport: PrintJobCompleted } | { ok: false; reason: string };

/**
 * The print centre: one print job per attempt, its outcome reported by signal.
 * Each attempt enters PRINTING with a clock (the policy's print deadline): the
 * submission, the print centre's report and the registry's record of the
 * passport all run on it. Past the deadline operators are alerted; past twice
 * the deadline printing has failed, whatever the print centre does. A job the
 * print centre reports failed is reprinted up to the policy's limit.
 */
export class PassportPrinting {
  private readonly results = new Map<string, PrintResult>();

  constructor(private readonly renewal: RenewalContext) {}

  /** The printed passport of issue `issueNumber`, or undefined if printing failed for good. */
  async print(issueNumber: number, validityYears: ValidityYears): Promise<PrintJobCompleted | undefined> {
    const { input, tracker, compensation } = this.renewal;
    const { policy } = input;
    for (let attempt = 1; attempt <= policy.maxPrintAttempts; attempt++) {
      const jobKey = printJobKey(input.renewalId, issueNumber, attempt);
      const clock = tracker.startClock(policy.printDeadlineMs, { kind: 'PRINT_OVERDUE', details: { jobKey } });
      // The citizen is told once, when the first passport goes to print.
      await tracker.enter('PRINTING', {
        deadline: clock.deadline,
        note: attempt > 1 ? `print attempt ${attempt}` : undefined,
        notice: issueNumber === 1 && attempt === 1 ? { notice: 'PRINTING', params: {} } : undefined,
      });
      // Pushed before submitting: a job whose submission was interrupted is cancelled all the same.
      compensation.push('PRINT_JOB', 'PRINT_JOB_CANCELLED', async (_reason, undo) =>
        answered(await undo.call('cancelPrintJob', jobKey)),
      );
      const submitted = await clock.call('submitPrintJob', {
        jobKey,
        renewalId: input.renewalId,
        issueNumber,
        attempt,
        officeId: tracker.officeId,
        nationalId: input.nationalId,
        validityYears,
      });
      // The hard limit: the job still outstanding is cancelled as the renewal's failure is compensated.
      if (!submitted || !(await clock.wait(() => this.results.has(jobKey)))) return undefined;
      compensation.resolve('PRINT_JOB');
      const result = this.results.get(jobKey)!;
      if (result.ok) {
        const { passportNumber } = result.passport;
        const printed = { ...result.passport, nationalId: input.nationalId };
        const voidPassport = async (reason: string, undo: typeof clock) =>
          answered(await undo.call('voidPassport', { passportNumber, reason }));
        // Undone while the registry call is in flight, that call is abandoned and may still land: recording it
        // again (idempotent) first gives the void something to act on, and the late call changes nothing after.
        compensation.push('PRINTED_PASSPORT', 'PASSPORT_VOIDED', async (reason, undo) => {
          return answered(await undo.call('recordPrintedPassport', printed)) && voidPassport(reason, undo);
        });
        if (!(await clock.call('recordPrintedPassport', printed))) return undefined;
        // Until handed over or delivered, a printed passport is voided if the renewal is undone.
        compensation.push('PRINTED_PASSPORT', 'PASSPORT_VOIDED', voidPassport);
        return result.passport;
      }
      await printing.recordPrintFailure({ jobKey, reason: result.reason });
    }
    return undefined;
  }

  /** The print centre's reports; the first report of a job is the one that counts. */
  listen(): void {
    setHandler(printJobCompletedSignal, (completed: PrintJobCompleted) => {
      if (!this.results.has(completed.jobKey)) this.results.set(completed.jobKey, { ok: true, passport: completed });
    });

    setHandler(printJobFailedSignal, (failed) => {
      if (!this.results.has(failed.jobKey)) this.results.set(failed.jobKey, { ok: false, reason: failed.reason });
    });
  }
}
