import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DEV_WEBHOOK_SECRETS } from '../../../src/config/webhook-secrets';
import { purgeSettledRecords } from '../../../dev/sandboxes/runner/retention';
import { createSandboxRunner } from '../../../dev/sandboxes/runner/runner';
import { enqueueWebhook } from '../../../dev/sandboxes/runner/webhook-outbox';
import { quietLogger, useHarness } from '../../support/partner-harness';
import { waitFor } from '../../support/wait';

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
}

describe('sandbox runner: webhook delivery', () => {
  const harness = useHarness();

  async function enqueue(payload: Record<string, unknown> = {}): Promise<string> {
    const id = randomUUID();
    await enqueueWebhook(harness().db, harness().webhooks.url, {
      id,
      partner: 'saudi-post',
      payload: { eventId: id, ...payload },
    });
    return id;
  }

  function row(id: string): Promise<OutboxRow> {
    return harness()
      .db.query(`SELECT status, attempts, last_error FROM sandbox.webhook_outbox WHERE id = $1`, [id])
      .then(([found]: OutboxRow[]) => found);
  }

  function settled(id: string): Promise<OutboxRow> {
    return waitFor(async () => {
      const current = await row(id);
      return current.status === 'PENDING' ? undefined : current;
    }, `webhook ${id} to settle`);
  }

  it('signs with the partner secret as Standard Webhooks specifies', async () => {
    const id = await enqueue({ trackingNumber: 'RR400000015SA' });
    const webhook = await harness().webhooks.waitFor((w) => w.id === id, 'the webhook');
    const { headers, body } = webhook.raw;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(() => new Webhook(DEV_WEBHOOK_SECRETS['saudi-post']).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(DEV_WEBHOOK_SECRETS.sadad).verify(body, headers)).toThrow();
    await expect(settled(id)).resolves.toMatchObject({ status: 'DELIVERED', attempts: 1 });
  });

  it('retries 429 and 5xx with the same webhook id until the receiver takes it', async () => {
    harness().webhooks.answerNext(429, 1);
    harness().webhooks.answerNext(503, 1);
    const id = await enqueue();
    await expect(settled(id)).resolves.toEqual({ status: 'DELIVERED', attempts: 3, last_error: null });
    expect(
      harness()
        .webhooks.attempts.filter((a) => a.id === id)
        .map((a) => a.status),
    ).toEqual([429, 503, 204]);
  });

  it('waits at least the Retry-After of a 503 before trying again', async () => {
    // Far above the harness's backoff (50 ms doubling up to 200 ms): only the header can explain the wait.
    harness().webhooks.answerNext(503, 1, { 'retry-after': '2' });
    const id = await enqueue();
    await expect(settled(id)).resolves.toEqual({ status: 'DELIVERED', attempts: 2, last_error: null });
    const [first, second] = harness().webhooks.attempts.filter((a) => a.id === id);
    expect(first.status).toBe(503);
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_900);
  });

  it('does not retry a webhook the receiver refuses with another 4xx', async () => {
    harness().webhooks.answerNext(400, 1);
    const id = await enqueue();
    await expect(settled(id)).resolves.toEqual({ status: 'REJECTED', attempts: 1, last_error: 'HTTP 400' });
  });

  it('gives up after the last attempt', async () => {
    const id = randomUUID();
    const { maxAttempts } = harness().config.webhooks;
    harness().webhooks.answerNext(500, 1);
    await harness().db.query(
      `INSERT INTO sandbox.webhook_outbox (id, partner, target_url, payload, attempts)
       VALUES ($1, 'sadad', $2, '{}', $3)`,
      [id, `${harness().webhooks.url}/v1/webhooks/sadad`, maxAttempts - 1],
    );
    await expect(settled(id)).resolves.toEqual({ status: 'FAILED', attempts: maxAttempts, last_error: 'HTTP 500' });
  });

  it('keeps retrying when the receiver cannot be reached', async () => {
    const id = randomUUID();
    await enqueueWebhook(harness().db, 'http://127.0.0.1:1', { id, partner: 'wasel', payload: {} });
    const retried = await waitFor(async () => {
      const current = await row(id);
      return current.attempts >= 2 ? current : undefined;
    }, 'two attempts');
    expect(retried).toMatchObject({ status: 'PENDING', last_error: expect.stringContaining('TypeError') });
    // Stop every runner of the suite from trying it further.
    await harness().db.query(`UPDATE sandbox.webhook_outbox SET status = 'FAILED' WHERE id = $1`, [id]);
  });

  it('lets several runners share the work without sending a webhook twice', async () => {
    const second = createSandboxRunner(harness().config, harness().db, quietLogger([]));
    second.start();
    try {
      const ids = await Promise.all(Array.from({ length: 30 }, () => enqueue()));
      const rows = await Promise.all(ids.map((id) => settled(id)));
      // Claimed once (a second claim would count a second attempt), and received once.
      expect(rows.filter((r) => r.status !== 'DELIVERED' || r.attempts !== 1)).toEqual([]);
      for (const id of ids) expect(harness().webhooks.attempts.filter((a) => a.id === id)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

describe('sandbox runner: retention', () => {
  const harness = useHarness();

  it('deletes settled webhooks and sent SMS past retention, never a pending webhook', async () => {
    const db = harness().db;
    const ids = { oldDelivered: randomUUID(), oldPending: randomUUID(), freshDelivered: randomUUID() };
    const insert = (id: string, status: string, ageDays: number) =>
      db.query(
        `INSERT INTO sandbox.webhook_outbox (id, partner, target_url, payload, status, next_attempt_at, created_at)
         VALUES ($1, 'sadad', 'http://127.0.0.1:1', '{}', $2, now() + interval '1 day',
                 now() - make_interval(hours => $3))`,
        [id, status, ageDays * 24],
      );
    await insert(ids.oldDelivered, 'DELIVERED', 8);
    await insert(ids.oldPending, 'PENDING', 8);
    await insert(ids.freshDelivered, 'DELIVERED', 1);
    const sms = randomUUID();
    await db.query(
      `INSERT INTO sandbox.sms_outbox (message_id, message_key, to_mobile, body, accepted_at)
       VALUES ($1, $1, '+966500000000', 'old', now() - interval '8 days')`,
      [sms],
    );

    await purgeSettledRecords(db, 7 * 86_400_000, 1000);

    const left = await db.query(`SELECT id FROM sandbox.webhook_outbox WHERE id = ANY($1) ORDER BY id`, [
      Object.values(ids),
    ]);
    expect(left.map((row: { id: string }) => row.id).sort()).toEqual([ids.oldPending, ids.freshDelivered].sort());
    expect(await db.query(`SELECT 1 FROM sandbox.sms_outbox WHERE message_id = $1`, [sms])).toEqual([]);
    await db.query(`DELETE FROM sandbox.webhook_outbox WHERE id = $1`, [ids.oldPending]);
  });
});

describe('sandbox runner: start and stop', () => {
  const harness = useHarness();

  it('ticks on its interval until stopped, and not after', async () => {
    const runner = createSandboxRunner(harness().config, harness().db, quietLogger([]));
    const tick = jest.spyOn(runner, 'tick');
    runner.start();
    await waitFor(async () => (tick.mock.calls.length >= 3 ? true : undefined), 'three ticks');
    await runner.stop();
    const ticks = tick.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tick.mock.calls.length).toBe(ticks);
  });
});
