import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import request from 'supertest';
import { ShutdownState } from '../../src/api/health/shutdown-state';
import { TemporalHealthIndicator } from '../../src/api/health/temporal.health';
import { startStack, type Stack } from '../support/stack';

describe('health and graceful shutdown', () => {
  let stack: Stack;

  const CACHE_MS = 1_500;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { API_READINESS_CACHE_MS: String(CACHE_MS) } });
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await stack?.stop();
  });

  it('is live, and ready when PostgreSQL and Temporal answer', async () => {
    await request(stack.http).get('/health/live').expect(200, { status: 'ok' });
    const ready = await request(stack.http).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, temporal: { status: 'up' } },
    });
  });

  it('asks PostgreSQL and Temporal at most once per interval, however many probes come', async () => {
    await pause(CACHE_MS); // Past what the test above left cached.
    // On the prototypes: Terminus makes its indicators per consumer (transient), so no instance is there to spy on.
    const database = jest.spyOn(TypeOrmHealthIndicator.prototype, 'pingCheck');
    const temporal = jest.spyOn(TemporalHealthIndicator.prototype, 'check');
    const started = Date.now();
    // A flood: 50 at once, then one after another for a little over two intervals.
    const flood = await Promise.all(Array.from({ length: 50 }, () => request(stack.http).get('/health/ready')));
    expect(flood.map((response) => response.status)).toEqual(Array(50).fill(200));
    let sequential = 0;
    while (Date.now() - started < 2 * CACHE_MS + 300) {
      await request(stack.http).get('/health/ready').expect(200);
      sequential += 1;
    }
    const elapsed = Date.now() - started;
    // One check per interval begun, at most; the flood of 50 shared the first.
    expect(database.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(database.mock.calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / CACHE_MS));
    expect(temporal.mock.calls.length).toBe(database.mock.calls.length);
    expect(sequential).toBeGreaterThan(10);
    console.log(
      `readiness: ${50 + sequential} requests in ${elapsed} ms, ${database.mock.calls.length} database pings and ` +
        `${temporal.mock.calls.length} Temporal calls (API_READINESS_CACHE_MS=${CACHE_MS})`,
    );
  });

  it('keeps a failed check for the interval too, so an outage is not flooded with checks', async () => {
    await pause(CACHE_MS);
    const checkedAt: number[] = [];
    const temporal = jest.spyOn(TemporalHealthIndicator.prototype, 'check').mockImplementation(async (key) => {
      checkedAt.push(Date.now());
      return { [key]: { status: 'down', message: 'Temporal frontend did not answer' } };
    });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => request(stack.http).get('/health/ready')));
    const elapsed = Date.now() - started;
    expect(answers.map((response) => response.status)).toEqual(Array(20).fill(503));
    expect(answers[0].body).toMatchObject({
      type: 'urn:passport-renewal:problem:not-ready',
      checks: { database: { status: 'up' }, temporal: { status: 'down' } },
    });
    // One check per interval: the 20 share one if they come within it (on a loaded machine they may take longer;
    // a second check is then at least a whole interval after the first, never sooner).
    expect(temporal.mock.calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / CACHE_MS));
    for (let i = 1; i < checkedAt.length; i++) expect(checkedAt[i] - checkedAt[i - 1]).toBeGreaterThanOrEqual(CACHE_MS);
    // Once the interval is over, the next probe checks again (and finds Temporal back).
    temporal.mockRestore();
    await pause(CACHE_MS);
    await request(stack.http).get('/health/ready').expect(200);
  });

  it('stops being ready as soon as shutdown begins, while still serving', async () => {
    await stack.app.get(ShutdownState).beforeApplicationShutdown();
    const ready = await request(stack.http).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ type: 'urn:passport-renewal:problem:shutting-down', status: 503 });
    await request(stack.http).get('/health/live').expect(200);
  });
});
