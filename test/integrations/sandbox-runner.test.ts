import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { DEV_WEBHOOK_SECRETS } from '../../src/config/webhook-secrets';
import { createSandboxRunner } from '../../src/sandboxes/runner/runner';
import { enqueueWebhook } from '../../src/sandboxes/runner/webhook-outbox';
import { quietLogger, useHarness } from './support/harness';
import { waitFor } from './support/wait';

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
      .db.query(`SELECT status, attempts, last_error FROM sandbox_webhook_outbox WHERE id = $1`, [id])
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

  it('does not retry a webhook the receiver refuses with another 4xx', async () => {
    harness().webhooks.answerNext(400, 1);
    const id = await enqueue();
    await expect(settled(id)).resolves.toEqual({ status: 'REJECTED', attempts: 1, last_error: 'HTTP 400' });
  });

  it('gives up after the last attempt', async () => {
    const id = randomUUID();
    const { maxAttempts } = harness().config.sandbox.webhooks;
    harness().webhooks.answerNext(500, 1);
    await harness().db.query(
      `INSERT INTO sandbox_webhook_outbox (id, partner, target_url, payload, attempts)
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
    await harness().db.query(`UPDATE sandbox_webhook_outbox SET status = 'FAILED' WHERE id = $1`, [id]);
  });

  it('lets several runners share the work without sending a webhook twice', async () => {
    const second = createSandboxRunner(harness().config.sandbox, harness().db, quietLogger([]));
    second.start();
    try {
      const ids = await Promise.all(Array.from({ length: 30 }, () => enqueue()));
      await Promise.all(ids.map((id) => settled(id)));
      for (const id of ids) expect(harness().webhooks.attempts.filter((a) => a.id === id)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

describe('sandbox runner: start and stop', () => {
  const harness = useHarness();

  it('ticks on its interval until stopped, and not after', async () => {
    const runner = createSandboxRunner(harness().config.sandbox, harness().db, quietLogger([]));
    const tick = jest.spyOn(runner, 'tick');
    runner.start();
    await waitFor(async () => (tick.mock.calls.length >= 3 ? true : undefined), 'three ticks');
    await runner.stop();
    const ticks = tick.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tick.mock.calls.length).toBe(ticks);
  });
});
