import { renewalWorkflowId, statusQuery } from '../../workflows/contract';
import { RenewalStatusView } from '../../src/api/renewals/dto/renewal-status.view';
import { seedCitizen } from '../support/citizens';
import { citizenClient } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';

/**
 * `GET /v1/renewals/:id/status` is answered from PostgreSQL, which every
 * change of the renewal writes in one transaction: the same view as
 * `GET /v1/renewals/:id`, and as the workflow's own status query.
 */
describe('the status view, from the read model', () => {
  let stack: SandboxStack;

  beforeAll(async () => {
    // The print centre takes its time: the renewal waits in AWAITING_PAYMENT and PRINTING long enough to sample.
    stack = await startStack({ sandboxes: true, env: { SANDBOX_PRINT_CENTRE_DELAY_MS: '60000' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('never shows a bill before the stage that has it, nor a stage other than the renewal’s (issue 11)', async () => {
    const person = await seedCitizen(stack.db);
    const citizen = await citizenClient(stack, person);
    const renewalId = await citizen.startAndAccept({ method: 'PICKUP', officeId: 'RUH-01' });

    // Right after the acceptance: the renewal view, then the status, again and again until the bill is out.
    const samples: Array<{ renewal: string; status: RenewalStatusView }> = [];
    for (let i = 0; i < 200; i++) {
      const renewal = (await citizen.get(`/v1/renewals/${renewalId}`).expect(200)).body.stage;
      const status: RenewalStatusView = await citizen.status(renewalId);
      samples.push({ renewal, status });
      if (renewal === 'AWAITING_PAYMENT' && status.stage === 'AWAITING_PAYMENT') break;
    }
    const last = samples.at(-1)!.status;
    expect(last).toMatchObject({ stage: 'AWAITING_PAYMENT', amountDueSar: 600, validityYears: 10 });
    expect(last.billNumber).toMatch(/^\d+$/);
    for (const { renewal, status } of samples) {
      // A bill number and an amount due come with AWAITING_PAYMENT, never before it.
      expect({ stage: status.stage, billed: status.billNumber !== undefined }).toEqual({
        stage: status.stage,
        billed: status.stage === 'AWAITING_PAYMENT',
      });
      expect(status.amountDueSar !== undefined).toBe(status.stage === 'AWAITING_PAYMENT');
      // The status, read after the renewal view, is never behind it.
      if (renewal === 'AWAITING_PAYMENT') expect(status.stage).toBe('AWAITING_PAYMENT');
    }
    expect(last.timeline.map((entry) => entry.stage)).toEqual([
      'ELIGIBILITY_CHECK',
      'AWAITING_ACCEPTANCE',
      'AWAITING_PAYMENT',
    ]);
    expect(last.pendingAction).toBe('CITIZEN_PAY_BILL');

    // The workflow's status query (kept for operators and tests) answers exactly what the read model holds
    // (besides the short reference, which only the read model draws).
    const queried = await stack.temporal.workflow.getHandle(renewalWorkflowId(renewalId)).query(statusQuery);
    const readModel = await citizen.status(renewalId);
    expect(readModel.reference).toMatch(/^PR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(JSON.parse(JSON.stringify(RenewalStatusView.from(readModel.reference, queried)))).toEqual(readModel);

    // Paid: the amount due goes, and the bill mirror says so, in the same write that enters PRINTING.
    await stack.sandboxControl(`/sadad/bills/${last.billNumber}/payment`);
    const printing = await citizen.waitForStage(renewalId, 'PRINTING');
    expect(printing).toMatchObject({ billNumber: last.billNumber });
    expect(printing).not.toHaveProperty('amountDueSar');
    const [bill] = await stack.db.query('SELECT status FROM bills WHERE renewal_id = $1', [renewalId]);
    expect(bill).toEqual({ status: 'PAID' });

    // One client, one request at a time: the read-model status beside the renewal view and the liveness floor,
    // in the same run (reported, never gated on: the machine is shared).
    const base = (await stack.app.getUrl()).replace('[::1]', '127.0.0.1');
    const auth = await stack.auth({ role: 'citizen', nationalId: person.nationalId });
    const medians = [];
    for (const [name, path] of [
      ['GET /v1/renewals/:id/status', `/v1/renewals/${renewalId}/status`],
      ['GET /v1/renewals/:id', `/v1/renewals/${renewalId}`],
      ['GET /health/live', '/health/live'],
    ]) {
      const timings: number[] = [];
      for (let i = 0; i < 300; i++) {
        const started = process.hrtime.bigint();
        const response = await fetch(`${base}${path}`, { headers: auth });
        await response.arrayBuffer();
        expect(response.status).toBe(200);
        timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      timings.sort((a, b) => a - b);
      medians.push(`${name} median ${timings[150].toFixed(2)} ms (p99 ${timings[297].toFixed(2)})`);
    }
    console.log(`1 client, 300 requests each:\n${medians.join('\n')}`);
  });
});
