import request from 'supertest';
import { ShutdownState } from '../../src/api/health/shutdown-state';
import { startApi, ApiStack } from './support/api-stack';

describe('health and graceful shutdown', () => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApi();
  });

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

  it('stops being ready as soon as shutdown begins, while still serving', async () => {
    await stack.app.get(ShutdownState).beforeApplicationShutdown();
    const ready = await request(stack.http).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ type: 'urn:passport-renewal:problem:shutting-down', status: 503 });
    await request(stack.http).get('/health/live').expect(200);
  });
});
