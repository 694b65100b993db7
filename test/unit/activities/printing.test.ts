import { createPrintingActivities } from '../../../activities/printing';
import { permanentFailure } from '../../../src/integrations/errors';
import type { PrintCentre } from '../../../src/integrations/print-centre/port';
import type { PrintJobsRepository } from '../../../src/persistence/repositories/print-jobs.repository';

/**
 * Cancelling a print job is the compensation the workflow pushes before it submits the job: a renewal
 * cancelled in between (the chaos run found one, a worker killed mid-submission) cancels a job the print
 * centre never received. That is nothing to cancel, not a failure that would fail the whole compensation.
 */
describe('cancelPrintJob', () => {
  function activities(cancel: PrintCentre['cancel']) {
    const cancelled: string[] = [];
    const printJobs = { markCancelled: async (jobKey: string) => void cancelled.push(jobKey) };
    const printing = createPrintingActivities({ cancel } as PrintCentre, printJobs as unknown as PrintJobsRepository);
    return { printing, cancelled };
  }

  it('a job the print centre never received is cancelled all the same', async () => {
    const { printing, cancelled } = activities(async () => {
      throw permanentFailure('PrintJobNotFound', 'print centre has no such job');
    });
    await printing.cancelPrintJob('R1/issue-1/print-1');
    expect(cancelled).toEqual(['R1/issue-1/print-1']);
  });

  it('any other refusal still fails the activity', async () => {
    const { printing, cancelled } = activities(async () => {
      throw permanentFailure('PartnerRejected', 'refused');
    });
    await expect(printing.cancelPrintJob('R1/issue-1/print-1')).rejects.toThrow('refused');
    expect(cancelled).toEqual([]);
  });
});
