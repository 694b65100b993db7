import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { pseudonymOf } from '../../src/api/auth/pseudonym';
import { formatRenewalReference, parseRenewalReference } from '../../src/domain/renewal-reference';
import { createPersistence } from '../../src/persistence/persistence';
import { testPersonalData } from '../support/personal-data-keys';
import { freshNationalId } from '../support/fixtures';
import { type Stack, startStack } from '../support/stack';
import { startTestIssuer, type TestIssuer } from '../support/test-issuer';
import { bearer } from '../support/tokens';
import { seedRenewal, uniqueKey } from './support/fixtures';

/** The symbols of a reference, and one of them changed: what a misheard symbol makes of it. */
function withTypo(reference: string): string {
  const symbols = reference.replace(/^PR-/, '').replace('-', '');
  const changed = symbols[3] === '7' ? '8' : '7';
  return `PR-${symbols.slice(0, 3)}${changed}-${symbols.slice(4)}`;
}

/**
 * What the operator's desk and the clerk's counter read besides the renewal list: search by short reference or
 * national ID (audited), the alerts with their acknowledgement (audited, once), and the office's pickup queue.
 * The people come from a test issuer the stack trusts, with the sandbox provider's claims: the queue's clerk works
 * at an office of this test's own, which the provider has no clerk for.
 */
describe("the desk's and the counter's reads", () => {
  let stack: Stack;
  let issuer: TestIssuer;
  let ops1: Record<string, string>;
  let ops2: Record<string, string>;
  const as = async (claims: Record<string, unknown>) => bearer(await issuer.sign(issuer.claims(claims)));

  beforeAll(async () => {
    issuer = await startTestIssuer();
    stack = await startStack({ worker: false, env: { OIDC_ISSUER_URL: issuer.issuer } });
    ops1 = await as({ role: 'operator', sub: 'ops-1' });
    ops2 = await as({ role: 'operator', sub: 'ops-2' });
  });

  afterAll(async () => {
    await stack?.stop();
    await issuer?.stop();
  });

  const search = (body: object, as = ops1) =>
    request(stack.http).post('/v1/operator/renewals/search').set(as).send(body);
  const referenceOf = async (renewalId: string): Promise<string> => {
    const [{ reference_number: number }] = await stack.db.query(
      'SELECT reference_number FROM renewals WHERE renewal_id = $1',
      [renewalId],
    );
    return formatRenewalReference(number);
  };
  const trailOf = async (renewalId: string, action: string) =>
    (await request(stack.http).get(`/v1/operator/renewals/${renewalId}/audit`).set(ops1).expect(200)).body.items.filter(
      (line: { action: string }) => line.action === action,
    );

  it('finds a renewal by its short reference however it is written, and refuses a mistyped one (422)', async () => {
    const nationalId = freshNationalId();
    const renewalId = await seedRenewal(stack.db, { nationalId, stage: 'PRINTING' });
    const reference = await referenceOf(renewalId);
    expect(parseRenewalReference(reference)).toHaveProperty('sequence');

    for (const written of [reference, reference.toLowerCase(), reference.slice(3).replace('-', '')]) {
      const found = await search({ reference: written }).expect(200);
      expect(found.body).toEqual([expect.objectContaining({ renewalId, reference, stage: 'PRINTING' })]);
    }
    // The citizen's own views carry it too.
    const citizen = await as({ role: 'citizen', sub: `c-${nationalId}`, national_id: nationalId });
    for (const path of [`/v1/renewals/${renewalId}`, `/v1/renewals/${renewalId}/status`]) {
      expect((await request(stack.http).get(path).set(citizen).expect(200)).body).toMatchObject({ reference });
    }
    expect(await trailOf(renewalId, 'operator.search')).toEqual(
      Array(3).fill(
        expect.objectContaining({ actor: 'operator:ops-1', outcome: 'FOUND', details: { by: 'reference' } }),
      ),
    );

    const typo = await search({ reference: withTypo(reference) }).expect(422);
    expect(typo.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(typo.body.errors).toEqual([{ field: 'reference', message: expect.stringMatching(/does not check out/) }]);
    const shape = await search({ reference: 'PR-1234' }).expect(400);
    expect(shape.body.errors).toEqual([{ field: 'reference', message: expect.stringMatching(/must look like/) }]);

    // Exactly one of reference and national ID.
    expect((await search({}).expect(422)).body.errors).toEqual([
      { field: 'reference', message: expect.stringMatching(/reference is required when no nationalId/) },
    ]);
    expect((await search({ reference, nationalId: freshNationalId() }).expect(422)).body.errors).toEqual([
      { field: 'nationalId', message: expect.stringMatching(/cannot be given with reference/) },
    ]);

    // A well-formed reference no renewal has: nothing found, and the miss audited.
    let unused = 0;
    while ((await stack.db.query('SELECT 1 FROM renewals WHERE reference_number = $1', [unused])).length) unused += 7;
    expect((await search({ reference: formatRenewalReference(unused) }).expect(200)).body).toEqual([]);
  });

  it("finds a citizen's renewals by national ID in the body, newest first, and audits each find and a miss", async () => {
    const nationalId = freshNationalId();
    const older = await seedRenewal(stack.db, { nationalId, stage: 'COMPLETED' });
    const newer = await seedRenewal(stack.db, { nationalId, stage: 'AWAITING_PAYMENT' });
    const found = await search({ nationalId }, ops2).expect(200);
    expect(found.body.map((view: { renewalId: string }) => view.renewalId)).toEqual([newer, older]);
    for (const renewalId of [older, newer]) {
      expect(await trailOf(renewalId, 'operator.search')).toEqual([
        expect.objectContaining({ actor: 'operator:ops-2', outcome: 'FOUND', details: { by: 'nationalId' } }),
      ]);
    }

    const nobody = freshNationalId();
    expect((await search({ nationalId: nobody }, ops2).expect(200)).body).toEqual([]);
    const misses = await stack.db.query(
      `SELECT details FROM audit_events WHERE action = 'operator.search' AND outcome = 'MISS' AND details->>'lookedFor' = $1`,
      [`citizen:${pseudonymOf(stack.config.api.pseudonymKey, nobody)}`],
    );
    expect(misses).toHaveLength(1);
    // Never the national ID itself.
    const lines = await stack.db.query(
      `SELECT details::text AS text FROM audit_events WHERE action = 'operator.search'`,
    );
    expect(lines.map((line: { text: string }) => line.text).join()).not.toContain(nobody);
    await search({ nationalId: '1058529941' }, ops2).expect(422);
  });

  it('acknowledges an alert once, with a note, on the trail; acknowledging again changes nothing', async () => {
    const renewalId = await seedRenewal(stack.db, { nationalId: freshNationalId(), stage: 'PRINTING' });
    await createPersistence(stack.db, testPersonalData()).audit.append({
      eventKey: `alert:${randomUUID()}`,
      renewalId,
      actor: 'workflow',
      action: 'operator.alert',
      outcome: 'PRINT_OVERDUE',
      details: { jobId: 'PJ-1' },
      at: new Date().toISOString(),
    });
    const alerts = (query: string) =>
      request(stack.http).get(`/v1/operator/alerts?renewalId=${renewalId}&${query}`).set(ops1).expect(200);
    const [alert] = (await alerts('acknowledged=false')).body.items;
    expect(alert).toEqual({
      alertId: expect.stringMatching(/^[1-9][0-9]*$/),
      at: expect.any(String),
      renewalId,
      kind: 'PRINT_OVERDUE',
      raisedBy: 'workflow',
      details: { jobId: 'PJ-1' },
    });

    const acknowledge = (as: Record<string, string>, key: string, note: string) =>
      request(stack.http)
        .post(`/v1/operator/alerts/${alert.alertId}/acknowledgement`)
        .set({ ...as, 'Idempotency-Key': key })
        .send({ note });
    const key = uniqueKey();
    const first = await acknowledge(ops1, key, 'Print centre called, reprint tomorrow').expect(200);
    expect(first.body).toEqual({
      outcome: 'ACKNOWLEDGED',
      alert: {
        ...alert,
        acknowledgement: {
          by: 'operator:ops-1',
          at: expect.any(String),
          note: 'Print centre called, reprint tomorrow',
        },
      },
    });
    // The same request again: the same answer, nothing written twice.
    expect((await acknowledge(ops1, key, 'Print centre called, reprint tomorrow').expect(200)).body).toEqual(
      first.body,
    );
    // Another operator later: the first acknowledgement stands.
    const again = await acknowledge(ops2, uniqueKey(), 'Seen').expect(200);
    expect(again.body).toEqual({ ...first.body, outcome: 'ALREADY_ACKNOWLEDGED' });

    expect(await trailOf(renewalId, 'operator.alert.acknowledge')).toEqual([
      expect.objectContaining({
        actor: 'operator:ops-1',
        outcome: 'ACKNOWLEDGED',
        details: { alertId: alert.alertId, kind: 'PRINT_OVERDUE', note: 'Print centre called, reprint tomorrow' },
      }),
      expect.objectContaining({
        actor: 'operator:ops-2',
        outcome: 'ALREADY_ACKNOWLEDGED',
        details: { alertId: alert.alertId, kind: 'PRINT_OVERDUE' },
      }),
    ]);
    expect((await alerts('acknowledged=false')).body).toMatchObject({ items: [], total: 0 });
    expect((await alerts('acknowledged=true')).body.items).toEqual([first.body.alert]);

    await request(stack.http)
      .post('/v1/operator/alerts/999999999999/acknowledgement')
      .set({ ...ops1, 'Idempotency-Key': uniqueKey() })
      .send({ note: 'x' })
      .expect(404);
    await request(stack.http)
      .post('/v1/operator/alerts/abc/acknowledgement')
      .set({ ...ops1, 'Idempotency-Key': uniqueKey() })
      .send({ note: 'x' })
      .expect(400);
    await acknowledge(ops1, uniqueKey(), '').expect(400);
  });

  it("lists my office's pickup queue longest waiting first, a page at a time, and finds one passport by reference", async () => {
    // An office of this test's own, so the queue holds only what it seeds.
    const office = 'QUE-07';
    const clerk = await as({ role: 'clerk', sub: 'clerk-q', office });
    const queue = (query = '') => request(stack.http).get(`/v1/counter/queue?${query}`).set(clerk).expect(200);
    const waiting: string[] = [];
    for (let days = 5; days >= 1; days--) {
      const renewalId = await seedRenewal(stack.db, {
        nationalId: freshNationalId(),
        officeId: office,
        stage: 'READY_FOR_PICKUP',
      });
      await stack.db.query(
        `UPDATE renewals SET stage_entered_at = now() - $2 * interval '1 day' WHERE renewal_id = $1`,
        [renewalId, days],
      );
      waiting.push(renewalId);
    }
    // Not waiting here: printing still, or at another office.
    await seedRenewal(stack.db, { nationalId: freshNationalId(), officeId: office, stage: 'PRINTING' });
    const elsewhere = await seedRenewal(stack.db, {
      nationalId: freshNationalId(),
      officeId: 'RUH-01',
      stage: 'READY_FOR_PICKUP',
    });

    const first = await queue('limit=3');
    expect(first.body).toMatchObject({ total: 5, totalKind: 'EXACT', limit: 3, nextCursor: expect.any(String) });
    const second = await queue(`limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const ids = (response: request.Response) =>
      response.body.items.map((item: { renewalId: string }) => item.renewalId);
    expect([...ids(first), ...ids(second)]).toEqual(waiting);

    const reference = await referenceOf(waiting[3]);
    expect(ids(await queue(`reference=${reference}`))).toEqual([waiting[3]]);
    expect((await queue(`reference=${await referenceOf(elsewhere)}`)).body).toMatchObject({ items: [], total: 0 });
    await request(stack.http)
      .get(`/v1/counter/queue?reference=${withTypo(reference)}`)
      .set(clerk)
      .expect(422);
  });
});
