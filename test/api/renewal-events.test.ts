import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createParser } from 'eventsource-parser';
import { seedCitizen } from '../support/citizens';
import { PICKUP_ACCEPTANCE } from '../support/renewal-driver';
import { citizenClient } from '../support/journeys';
import { type Stack, startStack } from '../support/stack';

/** Reads a server-sent event stream until `until` holds for an event's status, or it ends. */
async function readStatuses(
  url: string,
  headers: Record<string, string>,
  until: (status: { stage: string }) => boolean,
): Promise<Array<{ stage: string; billNumber?: string }>> {
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const statuses: Array<{ stage: string }> = [];
  let done = false;
  const parser = createParser({
    onEvent: (event) => {
      if (event.event !== 'status') return;
      const status = JSON.parse(event.data);
      statuses.push(status);
      if (until(status)) done = true;
    },
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  while (!done) {
    const { done: ended, value } = await reader.read();
    if (ended) break;
    parser.feed(value);
  }
  await reader.cancel();
  return statuses;
}

/**
 * The citizen's live status: a stream of whole statuses, the first at once and
 * one per change of the read model (PostgreSQL NOTIFY from the renewals
 * trigger), for the renewal's own citizen only.
 */
describe('GET /v1/renewals/:id/events', () => {
  let stack: Stack;
  let baseUrl: string;

  beforeAll(async () => {
    stack = await startStack();
    await stack.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('pushes each stage as the read model changes, to the citizen only', async () => {
    const person = await seedCitizen(stack.db);
    const citizen = await citizenClient(stack, person);
    const created = await citizen.post('/v1/renewals', { officeId: 'RUH-01' }).expect(202);
    const renewalId: string = created.body.renewalId;
    const url = `${baseUrl}/v1/renewals/${renewalId}/events`;
    const auth = await stack.auth({ role: 'citizen', nationalId: person.nationalId });

    const untilReview = await readStatuses(url, auth, (s) => s.stage === 'AWAITING_ACCEPTANCE');
    expect(untilReview.at(-1)!.stage).toBe('AWAITING_ACCEPTANCE');

    // A stream opened now gets the current status at once, then the bill once the acceptance is in.
    const following = readStatuses(url, auth, (s) => s.stage === 'AWAITING_PAYMENT');
    await citizen.post(`/v1/renewals/${renewalId}/acceptance`, PICKUP_ACCEPTANCE).expect(200);
    const statuses = await following;
    expect(statuses[0].stage).toBe('AWAITING_ACCEPTANCE');
    expect(statuses.at(-1)).toMatchObject({ stage: 'AWAITING_PAYMENT', billNumber: expect.any(String) });

    // Another citizen, or nobody, gets the API's usual problems instead of a stream.
    const other = await stack.auth({ role: 'citizen', nationalId: (await seedCitizen(stack.db)).nationalId });
    const theirs = await fetch(url, { headers: other });
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${baseUrl}/v1/renewals/${randomUUID()}/events`, { headers: auth })).status).toBe(404);
  });
});
