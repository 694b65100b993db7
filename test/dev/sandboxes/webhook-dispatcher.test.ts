import { DEV_WEBHOOK_SECRETS } from '../../../src/config/webhook-secrets';
import type { Queryable } from '../../../dev/sandboxes/sql';
import { claimLeaseMs, WebhookDispatcher } from '../../../dev/sandboxes/runner/webhook-dispatcher';
import { StubPartner } from '../../support/stub-partner';

const NATIONAL_ID = '1058529940';

/** A database holding one due webhook, that records the dispatcher's writes. */
function outboxWith(targetUrl: string, attempts: number) {
  const writes: Array<{ sql: string; params: unknown[] }> = [];
  const claims: unknown[][] = [];
  const db: Queryable = {
    async query(sql: string, params: unknown[] = []) {
      if (sql.includes('FOR UPDATE SKIP LOCKED')) {
        claims.push(params);
        const row = {
          id: 'evt-1',
          partner: 'wasel',
          target_url: targetUrl,
          payload: { eventId: 'evt-1', nationalId: NATIONAL_ID },
          attempts,
        };
        return [[row], 1];
      }
      writes.push({ sql, params });
      return [[], 1];
    },
  };
  return { db, writes, claims };
}

describe('webhook dispatcher', () => {
  let stub: StubPartner;
  const config = {
    secrets: DEV_WEBHOOK_SECRETS,
    // Far beyond any answer of the local stub, however loaded the machine: only the timeout test, against a stub
    // that never answers, can end in a timeout.
    timeoutMs: 600_000,
    maxAttempts: 5,
    retryBaseMs: 100,
    retryMaxMs: 1_000,
  };

  beforeAll(async () => {
    stub = await StubPartner.start();
  });

  afterAll(() => stub.close());

  async function deliverOnce(
    status: number,
    attempts = 1,
    options: { neverAnswer?: boolean; timeoutMs?: number } = {},
  ) {
    stub.answer = { status, neverAnswer: options.neverAnswer };
    const logs: string[] = [];
    const { db, writes, claims } = outboxWith(`${stub.url}/v1/webhooks/wasel`, attempts);
    const logger = {
      log: (m: string) => logs.push(m),
      warn: (m: string) => logs.push(m),
      error: (m: string) => logs.push(m),
    };
    await new WebhookDispatcher(
      db,
      { ...config, timeoutMs: options.timeoutMs ?? config.timeoutMs },
      10,
      logger,
    ).deliverDue();
    return { logs, write: writes[0], claim: claims[0] };
  }

  it('marks a webhook delivered on 2xx', async () => {
    const { write, logs } = await deliverOnce(200);
    expect(write.sql).toContain("status = 'DELIVERED'");
    expect(logs).toEqual([]);
    expect(stub.requests.at(-1)?.headers).toMatchObject({ 'webhook-id': 'evt-1' });
  });

  it('schedules a retry with exponential backoff on 5xx', async () => {
    const { write } = await deliverOnce(502, 3);
    // [id, status, last error, delay before the next attempt]
    expect(write.params).toEqual(['evt-1', 'PENDING', 'HTTP 502', 400]);
    expect((await deliverOnce(502, 10)).write.params[3]).toBe(1_000);
  });

  it('schedules a retry when the receiver does not answer in time', async () => {
    const { write, logs } = await deliverOnce(200, 2, { neverAnswer: true, timeoutMs: 100 });
    expect(write.params).toEqual(['evt-1', 'PENDING', expect.stringMatching(/^TimeoutError: /), 200]);
    expect(logs).toEqual([]);
  });

  it('claims for a lease that outlasts its own wait for an answer, so no other runner sends it meanwhile', async () => {
    // [batch size, lease in ms]
    expect((await deliverOnce(200, 1, { timeoutMs: 5_000 })).claim).toEqual([10, 60_000]);
    expect((await deliverOnce(200, 1, { timeoutMs: 90_000 })).claim).toEqual([10, 180_000]);
    expect(claimLeaseMs(600_000)).toBeGreaterThan(600_000);
  });

  it('rejects on 4xx and logs the partner and the id, never the payload', async () => {
    const { write, logs } = await deliverOnce(422);
    expect(write.params.slice(0, 3)).toEqual(['evt-1', 'REJECTED', 'HTTP 422']);
    expect(logs).toEqual(['webhook wasel evt-1 rejected after 1 attempt(s): HTTP 422']);
    expect(logs.join()).not.toContain(NATIONAL_ID);
  });

  it('gives up after the configured number of attempts', async () => {
    const { write, logs } = await deliverOnce(503, 5);
    expect(write.params.slice(0, 3)).toEqual(['evt-1', 'FAILED', 'HTTP 503']);
    expect(logs).toEqual(['webhook wasel evt-1 given up after 5 attempt(s): HTTP 503']);
  });
});
