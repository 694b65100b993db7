import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { FAULT_CACHE_MS } from '../../dev/sandboxes/fault-control';
import { sandboxCommand } from '../../dev/tools/sandbox-command';
import { seedCitizen } from '../support/citizens';
import { eventually } from '../support/eventually';
import { citizenClient, handOverAtCounter } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';

/**
 * A fault set and cleared at run time, with `npm run sandbox -- fault …`'s command against the running
 * sandboxes, reaches the worker's print centre: the renewal goes overdue, and once the print centre answers
 * again it goes on and completes, no restart. The print stage's deadline is 12 s (its hard limit 24 s): the
 * submission is retried 1, 3, 7 and 15 s after the stage began, the fault is cleared at the deadline, so the
 * attempt at 15 s goes through and the 1 s print is done before the hard limit.
 */
describe('a partner failing at run time, then answering again', () => {
  let stack: SandboxStack;

  afterAll(async () => {
    await stack?.stop();
  });

  it('the print centre set failing: the renewal goes overdue; the fault cleared: it completes', async () => {
    stack = await startStack({
      sandboxes: true,
      env: { POLICY_PRINT_DEADLINE: '12s', SANDBOX_PRINT_CENTRE_DELAY_MS: '1000' },
    });
    const sandbox = (...args: string[]) => sandboxCommand(args, stack.sandboxes.url);
    const person = await seedCitizen(stack.db);
    const citizen = await citizenClient(stack, person);
    const operator = await stack.auth({ role: 'operator', id: 'ops-1' });
    const renewalId = await citizen.startAndAccept({ method: 'PICKUP', officeId: 'RUH-01' });
    const awaiting = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');

    expect(await sandbox('fault', 'print-centre', 'error-rate', '1')).toMatch(
      /^print-centre +1 +0 +0 +0 ms +off +set at run time$/m,
    );
    // Every process's sandboxes see it within FAULT_CACHE_MS (the worker's read the table at the bill's issue).
    await sleep(FAULT_CACHE_MS);
    await stack.sandboxControl(`/sadad/bills/${awaiting.billNumber}/payment`);
    const printing = await citizen.waitForStage(renewalId, 'PRINTING');
    expect(printing.overdue).toBe(false);

    const late = await eventually(async () => {
      const status = await citizen.status(renewalId);
      if (status.stage !== 'PRINTING') throw new Error(`left PRINTING for ${status.stage} (the fault not seen?)`);
      return status.overdue ? status : undefined;
    }, 'the renewal overdue');
    expect(late).toMatchObject({ stage: 'PRINTING', stageDeadline: printing.stageDeadline });
    const alerts = await request(stack.http)
      .get(`/v1/operator/alerts?renewalId=${renewalId}&kind=PRINT_OVERDUE`)
      .set(operator)
      .expect(200);
    expect(alerts.body.items).toHaveLength(1);
    const submissions = await stack.sandboxDb.query(
      `SELECT count(*)::int AS n FROM sandbox.print_jobs WHERE renewal_id = $1`,
      [renewalId],
    );
    expect(submissions).toEqual([{ n: 0 }]);

    expect(await sandbox('fault', 'clear', 'print-centre')).toMatch(/^print-centre +0 +0 +0 +0 ms +off +as started$/m);
    const ready = await citizen.waitForStage(renewalId, 'READY_FOR_PICKUP', 30_000);
    expect(ready.overdue).toBe(false);
    await handOverAtCounter(stack, renewalId, person.passportNumber);
    const completed = await citizen.waitForStage(renewalId, 'COMPLETED');
    expect(completed.timeline.map((entry: { stage: string }) => entry.stage)).not.toContain('FAILED');
  });
});
