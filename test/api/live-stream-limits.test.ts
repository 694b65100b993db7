import type { AddressInfo } from 'node:net';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { type Stack, startStack } from '../support/stack';
import { freshNationalId } from '../support/fixtures';
import { seedRenewal } from './support/fixtures';

/**
 * A live status stream holds a connection: it lasts no longer than the token it was opened with, one person holds
 * at most three at once (the fourth is a 429 with Retry-After), and a replica holds at most API_STREAMS_PER_REPLICA.
 * Tokens from a test issuer, whose lifetimes the test chooses.
 */
describe('live status streams', () => {
  let issuer: TestIssuer;
  let stack: Stack;
  let baseUrl: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({
      worker: false,
      // No clock tolerance: a token is refused from its exp on, and a stream ends then.
      env: { OIDC_ISSUER_URL: issuer.issuer, OIDC_CLOCK_TOLERANCE: '0', API_STREAMS_PER_REPLICA: '5' },
    });
    await stack.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(stack.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  /** A citizen with a renewal of their own, and a token for them valid `seconds` more. */
  async function citizenWithRenewal(seconds = 300) {
    const nationalId = freshNationalId();
    const renewalId = await seedRenewal(stack.db, { nationalId });
    const token = await issuer.sign(
      issuer.claims({ role: 'citizen', national_id: nationalId, sub: `c-${nationalId}`, exp: now() + seconds }),
    );
    return { renewalId, token };
  }

  const nationalIdOf = (token: string) =>
    JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).national_id as string;

  const controllers: AbortController[] = [];
  afterEach(() => controllers.splice(0).forEach((controller) => controller.abort()));

  /** Opens a stream and waits for its answer (a stream's headers, or a problem). */
  async function open(renewalId: string, token: string): Promise<Response> {
    const controller = new AbortController();
    controllers.push(controller);
    return fetch(`${baseUrl}/v1/renewals/${renewalId}/events`, {
      headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
  }

  /** Reads a stream to its end; how long it stayed open. */
  async function readToEnd(response: Response): Promise<number> {
    const started = Date.now();
    const reader = response.body!.getReader();
    while (!(await reader.read()).done);
    return Date.now() - started;
  }

  it("refuses one person's fourth concurrent stream with a 429, Retry-After and a problem", async () => {
    const { renewalId, token } = await citizenWithRenewal();
    const streams = [await open(renewalId, token), await open(renewalId, token), await open(renewalId, token)];
    expect(streams.map((response) => response.status)).toEqual([200, 200, 200]);

    const fourth = await open(renewalId, token);
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(fourth.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await fourth.json()) as { type: string }).type).toBe('urn:passport-renewal:problem:too-many-streams');

    // Another person is not held back by the first one's streams.
    const other = await citizenWithRenewal();
    expect((await open(other.renewalId, other.token)).status).toBe(200);

    // Once one stream closes, its slot is free again.
    controllers[0]!.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await open(renewalId, token)).status).toBe(200);
  });

  it('refuses streams beyond the replica cap, whoever asks', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300)); // the previous test's streams, closed
    const people = await Promise.all(Array.from({ length: 6 }, () => citizenWithRenewal()));
    const statuses = [];
    for (const person of people) statuses.push((await open(person.renewalId, person.token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('closes a stream when the token it was opened with expires', async () => {
    const { renewalId, token } = await citizenWithRenewal(3);
    const response = await open(renewalId, token);
    expect(response.status).toBe(200);
    const openFor = await readToEnd(response);
    // Opened with about three seconds left: ended by the API then, not by the test.
    expect(openFor).toBeGreaterThan(1_500);
    expect(openFor).toBeLessThan(6_000);
    // Reconnecting with the same (now expired) token is refused; a renewed one is followed again.
    expect((await open(renewalId, token)).status).toBe(401);
    const renewed = await issuer.sign(
      issuer.claims({ role: 'citizen', national_id: nationalIdOf(token), sub: 'c-renewed', exp: now() + 300 }),
    );
    expect((await open(renewalId, renewed)).status).toBe(200);
  });
});
