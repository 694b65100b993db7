import { WithStartWorkflowOperation } from '@temporalio/client';
import { openRenewalUpdate, RENEWAL_WORKFLOW_TYPE } from '../../workflows/contract';
import { CITIZEN, FakePartners } from '../support/fake-partners';
import { RenewalDriver } from '../support/renewal-driver';

/** `POST /v1/renewals` starts the renewal with its opening update and answers with what that update returns. */
describe('opening a renewal by update-with-start', () => {
  it('answers AWAITING_ACCEPTANCE with the acceptance deadline once the citizen is eligible', async () => {
    await RenewalDriver.run({ openByUpdate: true }, async (renewal) => {
      const status = await renewal.status();
      expect(renewal.opened).toEqual({ stage: 'AWAITING_ACCEPTANCE', stageDeadline: status.stageDeadline });
      // The eligibility check ran once, and the opening added nothing to do for the workflow.
      expect(renewal.fake.callNames().filter((name) => name === 'lookUpCitizen')).toHaveLength(1);
      await renewal.cancel('CITIZEN');
    });
  });

  it('answers REJECTED with the machine-readable reason', async () => {
    const fake = new FakePartners({ [CITIZEN.nationalId]: { ...CITIZEN, travelBan: true } });
    await RenewalDriver.run({ fake, openByUpdate: true }, async (renewal) => {
      expect(renewal.opened).toEqual({ stage: 'REJECTED', reason: 'TRAVEL_BAN' });
      expect(await renewal.handle.result()).toEqual({ stage: 'REJECTED', reason: 'TRAVEL_BAN' });
    });
  });

  it('answers a repeated opening (same update id) from the first, starting nothing more', async () => {
    await RenewalDriver.run({}, async (renewal) => {
      const { taskQueue } = await renewal.handle.describe();
      const open = () =>
        renewal.env.client.workflow.executeUpdateWithStart(openRenewalUpdate, {
          updateId: 'open-once',
          startWorkflowOperation: new WithStartWorkflowOperation(RENEWAL_WORKFLOW_TYPE, {
            workflowId: renewal.handle.workflowId,
            taskQueue,
            args: [renewal.input],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        });
      const first = await open();
      const again = await open();
      expect(again).toEqual(first);
      const events = (await renewal.handle.fetchHistory()).events ?? [];
      expect(events.filter((event) => event.workflowExecutionStartedEventAttributes)).toHaveLength(1);
      expect(events.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
      await renewal.cancel('CITIZEN');
    });
  });
});
