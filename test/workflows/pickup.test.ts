import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { renewalWorkflowId } from '../../workflows/ids';
import { handOverUpdate, statusQuery, verifyOldPassportUpdate } from '../../workflows/messages';
import type { RenewalInput } from '../../workflows/types';
import { CITIZEN_WITH_VALID_PASSPORT, recordingActivities } from '../support/recording-activities';
import { createTestWorker, createTimeSkippingEnvironment } from '../support/temporal-test-env';

describe('passportRenewal, pickup at the counter (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnvironment();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  function input(nationalId: string): RenewalInput {
    return { renewalId: randomUUID(), nationalId, officeId: 'RUH-01', policy: { pickupWindowWorkingDays: 10 } };
  }

  it('prints, waits for the clerk, and activates the new passport only on handover', async () => {
    const fake = recordingActivities({ [CITIZEN_WITH_VALID_PASSPORT.nationalId]: CITIZEN_WITH_VALID_PASSPORT });
    const taskQueue = `pickup-${randomUUID()}`;
    const worker = await createTestWorker(env, taskQueue, fake.activities);
    const renewal = input(CITIZEN_WITH_VALID_PASSPORT.nationalId);

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('passportRenewal', {
        workflowId: renewalWorkflowId(renewal.renewalId),
        taskQueue,
        args: [renewal],
      });
      // Days pass at the counter before the citizen comes; nothing is activated meanwhile.
      await env.sleep('3 days');
      expect((await handle.query(statusQuery)).stage).toBe('READY_FOR_PICKUP');
      expect(fake.callNames()).not.toContain('completeHandover');

      // Handing over before the old passport is matched is refused.
      await expect(handle.executeUpdate(handOverUpdate, { args: [{ clerkId: 'clerk-7' }] })).rejects.toThrow(
        WorkflowUpdateFailedError,
      );

      const mismatch = await handle.executeUpdate(verifyOldPassportUpdate, {
        args: [{ clerkId: 'clerk-7', presentedPassportNumber: 'N7654321', identityConfirmed: true }],
      });
      expect(mismatch).toEqual({ matched: false, mismatchesSoFar: 1 });

      const match = await handle.executeUpdate(verifyOldPassportUpdate, {
        args: [{ clerkId: 'clerk-7', presentedPassportNumber: 'n1234567', identityConfirmed: true }],
      });
      expect(match).toEqual({ matched: true, mismatchesSoFar: 1 });

      const handover = await handle.executeUpdate(handOverUpdate, { args: [{ clerkId: 'clerk-7' }] });
      expect(handover.newPassportNumber).toBe('X10000001');

      const outcome = await handle.result();
      expect(outcome).toEqual({ stage: 'COMPLETED', newPassportNumber: 'X10000001' });
    });

    expect(fake.stages.map((s) => [s.sequence, s.stage])).toEqual([
      [1, 'ELIGIBILITY_CHECK'],
      [2, 'PRINTING'],
      [3, 'READY_FOR_PICKUP'],
      [4, 'COMPLETED'],
    ]);
    expect(fake.callNames()).toEqual([
      'recordStageChange',
      'lookUpCitizen',
      'recordStageChange',
      'printPassport',
      'recordStageChange',
      'completeHandover',
      'recordStageChange',
    ]);
    expect(fake.calls.find((c) => c.name === 'completeHandover')?.input).toMatchObject({
      oldPassportNumber: 'N1234567',
      newPassport: { passportNumber: 'X10000001', nationalId: CITIZEN_WITH_VALID_PASSPORT.nationalId },
    });
  });

  it('rejects a citizen whose passport is reported lost, without printing', async () => {
    const lost = {
      ...CITIZEN_WITH_VALID_PASSPORT,
      currentPassport: { ...CITIZEN_WITH_VALID_PASSPORT.currentPassport!, status: 'LOST' as const },
    };
    const fake = recordingActivities({ [lost.nationalId]: lost });
    const taskQueue = `pickup-${randomUUID()}`;
    const worker = await createTestWorker(env, taskQueue, fake.activities);
    const renewal = input(lost.nationalId);

    const outcome = await worker.runUntil(
      env.client.workflow.execute('passportRenewal', {
        workflowId: renewalWorkflowId(renewal.renewalId),
        taskQueue,
        args: [renewal],
      }),
    );

    expect(outcome).toEqual({ stage: 'REJECTED', rejectionReason: 'PASSPORT_LOST' });
    expect(fake.callNames()).not.toContain('printPassport');
    expect(fake.stages.at(-1)).toMatchObject({ stage: 'REJECTED', note: 'PASSPORT_LOST' });
  });
});
