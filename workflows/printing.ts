import { setHandler } from '@temporalio/workflow';
import { printing, registry } from './activities';
import {
  type PrintJobCompleted,
  printJobCompletedSignal,
  printJobFailedSignal,
  printJobKey,
  type ValidityYears,
} from './contract';
import type { RenewalContext } from './renewal-context';
import { after, waitUntil } from './timing';

type PrintResult = { ok: true; passport: PrintJobCompleted } | { ok: false; reason: string };

/**
 * The print centre: one print job per attempt, its outcome reported by signal.
 * An overdue job is escalated to operators and, after a second deadline,
 * cancelled; a failed one is reprinted up to the policy's limit.
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
      let deadline = after(policy.printDeadlineMs);
      // The citizen is told once, when the first passport goes to print.
      await tracker.enter('PRINTING', {
        deadline,
        note: attempt > 1 ? `print attempt ${attempt}` : undefined,
        notice: issueNumber === 1 && attempt === 1 ? { notice: 'PRINTING', params: {} } : undefined,
      });
      // Pushed before submitting: a job whose submission was interrupted is cancelled all the same.
      compensation.push('PRINT_JOB', 'PRINT_JOB_CANCELLED', () => printing.cancelPrintJob(jobKey));
      await printing.submitPrintJob({
        jobKey,
        renewalId: input.renewalId,
        issueNumber,
        attempt,
        officeId: tracker.officeId,
        nationalId: input.nationalId,
        validityYears,
      });

      if (!(await waitUntil(() => this.results.has(jobKey), deadline))) {
        deadline = after(policy.printDeadlineMs);
        await tracker.extendDeadline(deadline, 'PRINT_OVERDUE_ESCALATED', {
          kind: 'PRINT_OVERDUE',
          details: { jobKey },
        });
        if (!(await waitUntil(() => this.results.has(jobKey), deadline))) {
          await printing.cancelPrintJob(jobKey);
          compensation.resolve('PRINT_JOB');
          return undefined;
        }
      }
      compensation.resolve('PRINT_JOB');
      const result = this.results.get(jobKey)!;
      if (result.ok) {
        const { passportNumber } = result.passport;
        const printed = { ...result.passport, nationalId: input.nationalId };
        const voidPassport = (reason: string) => registry.voidPassport({ passportNumber, reason });
        // Undone while the registry call is in flight, that call is abandoned and may still land: recording it
        // again (idempotent) first gives the void something to act on, and the late call changes nothing after.
        compensation.push('PRINTED_PASSPORT', 'PASSPORT_VOIDED', async (reason) => {
          await registry.recordPrintedPassport(printed);
          await voidPassport(reason);
        });
        await registry.recordPrintedPassport(printed);
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
