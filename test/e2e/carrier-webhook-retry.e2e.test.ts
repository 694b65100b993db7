import { seedCitizen } from '../support/citizens';
import { eventually } from '../support/eventually';
import { citizenClient } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';

interface OutboxRow {
  id: string;
  type: string;
  status: string;
  attempts: number;
  last_error: string | null;
}

/**
 * Our API goes down while Saudi Post is carrying an envelope: the carrier's webhooks fail and are retried
 * (as Saudi Post does, and its sandbox), the worker and the sandboxes running on; once the API is back, every
 * event is applied, each exactly once. In `npm start` the carrier shares the API's process, so only this
 * test (and the chaos run) takes that path.
 */
describe('the carrier retrying its webhooks while only our API is down', () => {
  let stack: SandboxStack;

  afterAll(async () => {
    await stack?.stop();
  });

  it('applies every carrier event once the API is back, each exactly once', async () => {
    stack = await startStack({
      sandboxes: true,
      env: {
        SANDBOX_PRINT_CENTRE_DELAY_MS: '500',
        SANDBOX_SAUDI_POST_STEP_DELAY_MS: '1000',
        SANDBOX_WEBHOOK_RETRY_BASE_MS: '200',
        SANDBOX_WEBHOOK_RETRY_MAX_MS: '1000',
      },
    });
    const person = await seedCitizen(stack.db, { subscribedToWasel: true });
    const citizen = await citizenClient(stack, person);
    const renewalId = await citizen.startAndAccept({ method: 'POST' });
    const awaiting = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    await stack.sandboxControl(`/sadad/bills/${awaiting.billNumber}/payment`);
    // The envelope handed to the carrier; its events (ACCEPTED first) are still to come.
    await citizen.waitForStage(renewalId, 'DISPATCHED');
    const [{ tracking_number: trackingNumber }] = await stack.db.query(
      'SELECT tracking_number FROM shipments WHERE renewal_id = $1',
      [renewalId],
    );
    const carrierWebhooks = (): Promise<OutboxRow[]> =>
      stack.sandboxDb.query(
        `SELECT id, payload->>'type' AS type, status, attempts, last_error FROM sandbox.webhook_outbox
          WHERE partner = 'saudi-post' AND payload->>'trackingNumber' = $1 ORDER BY created_at`,
        [trackingNumber],
      );

    await stack.stopApi();
    // Saudi Post carries on: its next events fail to reach us, again and again.
    const failing = await eventually(
      async () => {
        const rows = await carrierWebhooks();
        const retried = rows.filter((row) => row.status === 'PENDING' && row.attempts >= 3);
        return retried.length > 0 ? retried : undefined;
      },
      'a carrier webhook retried three times',
      30_000,
    );
    expect(failing[0].last_error).toBeTruthy();
    await stack.startApi();

    await citizen.waitForStage(renewalId, 'COMPLETED', 60_000);
    const rows = await carrierWebhooks();
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => 'DELIVERED'));
    const retriedIds = rows.filter((row) => row.attempts > 1).map((row) => row.id);
    expect(retriedIds).toEqual(expect.arrayContaining(failing.map((row) => row.id)));
    // Each event received once (one receipt per webhook id), signalled once: one timeline line per carrier stage.
    const receipts: Array<{ webhook_id: string; outcome: string }> = await stack.db.query(
      `SELECT webhook_id, outcome FROM webhook_receipts WHERE partner = 'saudi-post' AND renewal_id = $1`,
      [renewalId],
    );
    expect(receipts.map((receipt) => receipt.webhook_id).sort()).toEqual(rows.map((row) => row.id).sort());
    const { timeline } = await citizen.status(renewalId);
    console.log(
      `Carrier webhooks (${trackingNumber}), the API down from DISPATCHED until a webhook had failed 3 times:\n${rows
        .map((row) => `  ${row.type.padEnd(17)} ${row.status}  attempts ${row.attempts}`)
        .join('\n')}\nTimeline:\n${timeline
        .map(
          (t: { stage: string; at: string; note?: string }) => `  ${t.at}  ${t.stage}${t.note ? `  (${t.note})` : ''}`,
        )
        .join('\n')}`,
    );
    // One line per carrier event: a stage entered once each, and the acceptance's line (at the stage the renewal
    // is in when it arrives: DISPATCHED in order, IN_TRANSIT when the retried ACCEPTED comes after IN_TRANSIT).
    const lines = timeline as Array<{ stage: string; note?: string }>;
    const accepted = lines.filter((line) => line.note === 'ACCEPTED_BY_CARRIER');
    expect(accepted).toHaveLength(1);
    for (const stage of ['DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'COMPLETED']) {
      const entered = lines.filter((line) => line.stage === stage && line.note !== 'ACCEPTED_BY_CARRIER');
      expect({ stage, lines: entered.length }).toEqual({ stage, lines: 1 });
    }
  });
});
