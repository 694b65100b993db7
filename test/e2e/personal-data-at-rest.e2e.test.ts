import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SEEDED, type SeedPerson } from '../../dev/sandboxes/seed-people';
import { SEEDED_CITIZEN, seedPerson, validPassportOf } from '../support/fixtures';
import { housekeepingScheduleId } from '../../workflows/contract';
import { personalDataOf } from '../support/personal-data';
import { testPersonalData } from '../support/personal-data-keys';
import { findInProductTables, productTextColumns } from '../support/personal-data-scan';
import { eventually } from '../support/eventually';
import { citizenClient, handOverAtCounter } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';

/**
 * What PostgreSQL keeps of a citizen, over whole renewals through the real API, worker and partner sandboxes (on
 * a database of the test's own): during and after a renewal no national ID, name, mobile, date of birth or
 * address in clear in any column of any of the product's tables (the national ID as digest and ciphertext only,
 * the creation's answer, review included, encrypted with its idempotency key, and replayed as it was); then,
 * past their retention, the housekeeping schedule erases what remained (digest, ciphertext, the new passport's
 * number) while the audit trail stays, pseudonymised.
 */
describe('personal data at rest, over whole renewals', () => {
  let stack: SandboxStack;
  const pickupPerson = SEEDED_CITIZEN;
  const postPerson = seedPerson(SEEDED.prefersEnglish);
  const renewals: Array<{ person: SeedPerson; renewalId: string; newPassportNumber: string }> = [];

  beforeAll(async () => {
    stack = await startStack({
      sandboxes: true,
      env: { SANDBOX_PRINT_CENTRE_DELAY_MS: '200', SANDBOX_SAUDI_POST_STEP_DELAY_MS: '200' },
    });
  });

  afterAll(async () => {
    await stack?.temporal.schedule.getHandle(housekeepingScheduleId(stack.config.temporal.taskQueue)).delete();
    await stack?.stop();
  });

  const needles = (person: SeedPerson) => [...personalDataOf(person), ...person.passports.map((p) => p.passportNumber)];

  async function renew(person: SeedPerson, delivery: object): Promise<string> {
    const citizen = await citizenClient(stack, person);
    const auth = await stack.auth({ role: 'citizen', nationalId: person.nationalId });
    const key = randomUUID();
    const create = () =>
      request(stack.http)
        .post('/v1/renewals')
        .set({ ...auth, 'Idempotency-Key': key })
        .send({ officeId: 'RUH-01' })
        .expect(202);
    const created = await create();
    expect(created.body.review).toMatchObject({ nameEn: person.nameEn, mobile: person.mobile });
    const renewalId: string = created.body.renewalId;
    // Its stored answer holds the review, encrypted: nothing of the person in clear there, yet a replay is the
    // first answer itself.
    expect(await findInProductTables(stack.db, needles(person))).toEqual([]);
    const replayed = await create();
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(created.body);

    await citizen.waitForStage(renewalId, 'AWAITING_ACCEPTANCE');
    await citizen
      .post(`/v1/renewals/${renewalId}/acceptance`, {
        photoConfirmed: true,
        englishNameConfirmed: true,
        acceptedPledgeIds: created.body.review.requiredPledgeIds,
        validityYears: 10,
        delivery,
      })
      .expect(200);
    const bill = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    await stack.sandboxControl(`/sadad/bills/${bill.billNumber}/payment`);
    return renewalId;
  }

  async function newPassportOf(renewalId: string): Promise<string> {
    const [job] = await stack.db.query(
      `SELECT passport_number FROM print_jobs WHERE renewal_id = $1 AND passport_number IS NOT NULL`,
      [renewalId],
    );
    return job.passport_number;
  }

  it('a pickup and a home delivery leave no personal data in clear in any table, the national ID encrypted', async () => {
    const pickup = await renew(pickupPerson, { method: 'PICKUP', officeId: 'RUH-01' });
    const atCounter = await citizenClient(stack, pickupPerson);
    await atCounter.waitForStage(pickup, 'READY_FOR_PICKUP');
    const clerk = await stack.auth({ role: 'clerk', office: 'RUH-01' });
    // The clerk finds the citizen by national ID in the body, and a look-up that finds nothing is on the trail.
    const found = await request(stack.http)
      .post('/v1/counter/renewals/lookup')
      .set(clerk)
      .send({ nationalId: pickupPerson.nationalId })
      .expect(200);
    expect(found.body.map((renewal: { renewalId: string }) => renewal.renewalId)).toEqual([pickup]);
    await handOverAtCounter(stack, pickup, validPassportOf(pickupPerson).passportNumber);
    await atCounter.waitForStage(pickup, 'COMPLETED');

    const post = await renew(postPerson, { method: 'POST' });
    await (await citizenClient(stack, postPerson)).waitForStage(post, 'COMPLETED', 90_000);
    renewals.push(
      { person: pickupPerson, renewalId: pickup, newPassportNumber: await newPassportOf(pickup) },
      { person: postPerson, renewalId: post, newPassportNumber: await newPassportOf(post) },
    );

    const all = [...needles(pickupPerson), ...needles(postPerson)];
    expect(await findInProductTables(stack.db, all)).toEqual([]);
    const columns = await productTextColumns(stack.db);
    console.log(
      `${columns.length} text/JSON/bytea columns of ${new Set(columns.map((c) => c.table_name)).size} tables ` +
        `searched for ${new Set(all).size} values of 2 citizens after a pickup and a home delivery: none found`,
    );
    // The scan finds what is there: the new passports' numbers, kept until the retention ends.
    expect(
      await findInProductTables(
        stack.db,
        renewals.map((r) => r.newPassportNumber),
      ),
    ).toEqual(renewals.map((r) => ({ table: 'print_jobs', column: 'passport_number', value: r.newPassportNumber })));
    for (const { person, renewalId } of renewals) {
      const [row] = await stack.db.query(
        'SELECT national_id_hmac, national_id_key, national_id_enc IS NOT NULL AS sealed FROM renewals WHERE renewal_id = $1',
        [renewalId],
      );
      expect(row).toEqual({
        national_id_hmac: testPersonalData().digest(person.nationalId),
        national_id_key: 'test-only-pd-a',
        sealed: true,
      });
    }
    const stored: Array<{ n: number; sealed: number }> = await stack.db.query(
      `SELECT count(*)::int AS n, count(response_enc)::int AS sealed FROM idempotency_keys WHERE state = 'COMPLETED'`,
    );
    expect(stored[0].n).toBeGreaterThanOrEqual(6);
    expect(stored[0].sealed).toBe(stored[0].n);
  });

  it('past their retention, housekeeping erases what remained of them; the audit trail stays, pseudonymised', async () => {
    expect(renewals).toHaveLength(2);
    const ids = renewals.map((r) => r.renewalId);
    // The clock moved on: the renewals ended 91 days ago (retention 90 days), their answers were given 8 days
    // ago (retention 7 days).
    await stack.db.query(
      `UPDATE renewals SET stage_entered_at = now() - interval '91 days' WHERE renewal_id = ANY($1)`,
      [ids],
    );
    await stack.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '8 days'`);

    const schedule = stack.temporal.schedule.getHandle(housekeepingScheduleId(stack.config.temporal.taskQueue));
    await schedule.trigger();
    await eventually(async () => {
      const [{ left }] = await stack.db.query(
        `SELECT (SELECT count(*) FROM renewals WHERE renewal_id = ANY($1) AND personal_data_erased_at IS NULL)
              + (SELECT count(*) FROM idempotency_keys) AS left`,
        [ids],
      );
      return Number(left) === 0 ? true : undefined;
    }, 'the housekeeping run');

    const everything = renewals.flatMap(({ person, newPassportNumber }) => [...needles(person), newPassportNumber]);
    expect(await findInProductTables(stack.db, everything)).toEqual([]);
    const rows = await stack.db.query(
      `SELECT stage, national_id_hmac, national_id_enc, national_id_key FROM renewals WHERE renewal_id = ANY($1)`,
      [ids],
    );
    expect(rows).toEqual([
      { stage: 'COMPLETED', national_id_hmac: null, national_id_enc: null, national_id_key: null },
      { stage: 'COMPLETED', national_id_hmac: null, national_id_enc: null, national_id_key: null },
    ]);

    for (const { person, renewalId } of renewals) {
      // The operator still sees the renewal and its whole trail, which names the citizen by pseudonym only...
      const operator = await stack.auth({ role: 'operator' });
      const trail = await request(stack.http).get(`/v1/operator/renewals/${renewalId}/audit`).set(operator).expect(200);
      const actions = trail.body.items.map((line: { actor: string; action: string }) => `${line.actor} ${line.action}`);
      expect(actions).toEqual(
        expect.arrayContaining([expect.stringMatching(/^citizen:[0-9a-f]{20} citizen\.renewal\.create$/)]),
      );
      expect(actions[actions.length - 1]).toBe('housekeeping personal-data.erased');
      // ...while the renewal is no longer the citizen's to find: it is linked to nobody.
      const citizen = await stack.auth({ role: 'citizen', nationalId: person.nationalId });
      expect((await request(stack.http).get('/v1/renewals').set(citizen).expect(200)).body).toEqual([]);
      await request(stack.http).get(`/v1/renewals/${renewalId}`).set(citizen).expect(404);
    }
    // A second run finds nothing more to erase.
    const [{ n }] = await stack.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'personal-data.erased' AND renewal_id = ANY($1)`,
      [ids],
    );
    expect(n).toBe(2);
  });
});
