import { createHmac, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { pseudonymOf } from '../../src/api/auth/pseudonym';
import { loadPseudonymKey } from '../../src/config/api';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { loadPersonalDataKeysConfig } from '../../src/config/personal-data-keys';
import { openDataSource, runMigrations } from '../../src/persistence/data-source';
import { PersonalDataDecryptionError, PersonalDataProtection } from '../../src/persistence/personal-data';
import { createPersistence, type Persistence } from '../../src/persistence/persistence';
import { emptyDatabase } from '../support/databases';
import { freshNationalId } from '../support/fixtures';
import {
  TEST_PERSONAL_DATA_ENV,
  TEST_PERSONAL_DATA_KEY_A,
  TEST_PERSONAL_DATA_KEY_B,
} from '../support/personal-data-keys';

/**
 * The national ID and the stored answers at rest: digest and ciphertext only, found by the digest, re-encrypted
 * in bounded batches after a key rotation while other writes go on, and erased once a renewal has ended longer
 * ago than its retention. On a database of its own: a rotation and an erasure reach every row of a table.
 */
describe('personal data at rest (real PostgreSQL)', () => {
  const lookupKey = loadPseudonymKey({});
  const underA = new PersonalDataProtection(loadPersonalDataKeysConfig(TEST_PERSONAL_DATA_ENV), lookupKey);
  // Key B made current, A still listed: what every process holds after the first step of a rotation.
  const underB = new PersonalDataProtection(
    loadPersonalDataKeysConfig({
      PERSONAL_DATA_KEYS: `${TEST_PERSONAL_DATA_KEY_A},${TEST_PERSONAL_DATA_KEY_B}`,
      PERSONAL_DATA_KEY_CURRENT: 'test-only-pd-b',
    }),
    lookupKey,
  );
  // The last step: A dropped.
  const onlyB = new PersonalDataProtection(
    loadPersonalDataKeysConfig({ PERSONAL_DATA_KEYS: TEST_PERSONAL_DATA_KEY_B }),
    lookupKey,
  );
  let db: DataSource;
  let persistence: Persistence;

  beforeAll(async () => {
    const url = await emptyDatabase('personal_data');
    await runMigrations(url);
    db = await openDataSource(url, 12);
    persistence = createPersistence(db, underA);
  });
  afterAll(() => db?.destroy());

  const create = (store: Persistence, nationalId: string, officeId = 'RUH-01') => {
    const renewalId = randomUUID();
    return store.renewals
      .recordCreated({ renewalId, nationalId, officeId, policy: DEFAULT_POLICY })
      .then(() => renewalId);
  };

  /** Every column of the row as text (bytea as hex and as UTF-8), to search for a value in clear. */
  async function rowText(table: string, where: string, params: unknown[]): Promise<string> {
    const rows: Array<Record<string, unknown>> = await db.query(`SELECT * FROM ${table} WHERE ${where}`, params);
    expect(rows).toHaveLength(1);
    return Object.values(rows[0])
      .map((value) =>
        Buffer.isBuffer(value) ? `${value.toString('hex')} ${value.toString('utf8')}` : JSON.stringify(value),
      )
      .join(' ');
  }

  it("stores a citizen's national ID as a keyed digest and a ciphertext bound to its row, and finds it by the digest", async () => {
    const nationalId = freshNationalId();
    const renewalId = await create(persistence, nationalId);

    expect(await rowText('renewals', 'renewal_id = $1', [renewalId])).not.toContain(nationalId);
    const [row] = await db.query(
      'SELECT national_id_hmac, national_id_enc, national_id_key FROM renewals WHERE renewal_id = $1',
      [renewalId],
    );
    // HMAC-SHA256 under the pseudonym key, computed here on its own: the audit pseudonym is its first 20 hex digits.
    const expected = createHmac('sha256', lookupKey).update(nationalId).digest();
    expect(row.national_id_hmac).toEqual(expected);
    expect(expected.toString('hex').startsWith(pseudonymOf(lookupKey, nationalId))).toBe(true);
    expect(row.national_id_key).toBe('test-only-pd-a');
    // nonce (12) + 10 bytes + tag (16), and a fresh nonce each time: the same ID never encrypts the same way twice.
    expect(row.national_id_enc).toHaveLength(38);
    const again = await create(persistence, nationalId, 'JED-01');
    const [other] = await db.query('SELECT national_id_enc FROM renewals WHERE renewal_id = $1', [again]);
    expect(other.national_id_enc).not.toEqual(row.national_id_enc);

    const record = (await persistence.renewals.findInScope(renewalId, { nationalId }))!;
    expect(persistence.renewals.nationalIdOf(record)).toBe(nationalId);
    expect((await persistence.renewals.ofCitizen(nationalId, 10)).map((r) => r.renewalId).sort()).toEqual(
      [renewalId, again].sort(),
    );
    expect(await persistence.renewals.findInScope(renewalId, { nationalId: freshNationalId() })).toBeNull();
    await db.query(`UPDATE renewals SET stage = 'READY_FOR_PICKUP' WHERE renewal_id = $1`, [renewalId]);
    await db.query(`UPDATE renewals SET stage = 'AWAITING_ADDRESS' WHERE renewal_id = $1`, [again]);
    expect((await persistence.renewals.readyForPickup(nationalId, 'RUH-01')).map((r) => r.renewalId)).toEqual([
      renewalId,
    ]);
    expect(await persistence.renewals.awaitingAddressOf(nationalId)).toBe(again);
    expect((await persistence.renewals.openOf(nationalId))?.renewalId).toMatch(new RegExp(`${renewalId}|${again}`));

    // Copied into another row, the ciphertext does not decrypt there; nor without its key.
    await db.query(`UPDATE renewals SET national_id_enc = $2 WHERE renewal_id = $1`, [again, row.national_id_enc]);
    const moved = (await persistence.renewals.findInScope(again, {}))!;
    expect(() => persistence.renewals.nationalIdOf(moved)).toThrow(PersonalDataDecryptionError);
    expect(() => createPersistence(db, onlyB).renewals.nationalIdOf(record)).toThrow(
      /key "test-only-pd-a", which is not among PERSONAL_DATA_KEYS/,
    );
    // As it was, for the rotation below (which stops at a value that fails, naming its row).
    await db.query(`UPDATE renewals SET national_id_enc = $2 WHERE renewal_id = $1`, [again, other.national_id_enc]);
  });

  it('keeps the answer to an idempotent request encrypted, and gives it back as it was', async () => {
    const request = { scope: `citizen:${randomUUID()}`, key: randomUUID() };
    const answer = { renewalId: randomUUID(), review: { nameEn: 'FAHAD ALQAHTANI', mobile: '+966512345678' }, a: 1 };
    expect(await persistence.idempotencyKeys.claim(request, 'hash', 60)).toBe(true);
    await persistence.idempotencyKeys.complete(request, 202, answer);

    const text = await rowText('idempotency_keys', 'scope = $1 AND idempotency_key = $2', [request.scope, request.key]);
    for (const clear of ['FAHAD', '966512345678', answer.renewalId]) expect(text).not.toContain(clear);
    const found = await persistence.idempotencyKeys.find(request);
    expect(found).toMatchObject({ state: 'COMPLETED', responseStatus: 202 });
    // The same object, its keys in the same order (jsonb reordered them).
    expect(JSON.stringify(found!.responseBody)).toBe(JSON.stringify(answer));
  });

  it('re-encrypts under a new key in bounded batches while renewals are created and updated, all still found', async () => {
    const citizens = Array.from({ length: 120 }, () => freshNationalId());
    const renewals = new Map<string, string>();
    for (const nationalId of citizens) renewals.set(await create(persistence, nationalId), nationalId);
    for (let i = 0; i < 30; i++) {
      const request = { scope: `citizen:${i}-${randomUUID()}`, key: 'k' };
      await persistence.idempotencyKeys.claim(request, 'h', 60);
      await persistence.idempotencyKeys.complete(request, 200, { i });
    }
    const before = await createPersistence(db, underB).personalData.keyUsage();
    expect(before.renewals['test-only-pd-a']).toBeGreaterThanOrEqual(120);

    const rotating = createPersistence(db, underB);
    const batches: number[] = [];
    const rotate = async () => {
      for (;;) {
        const done = await rotating.personalData.reencryptBatch(25);
        batches.push(done);
        // Rows another transaction holds are skipped, not waited for: keep going until a round finds none left.
        if (done === 0 && Object.keys((await rotating.personalData.keyUsage()).renewals).length === 1) return;
        if (done === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    // Meanwhile: new renewals (under B, as the API now writes them), stage changes, and a transaction holding
    // ten rows for a while.
    const writers = async () => {
      const ids = [...renewals.keys()];
      for (let i = 0; i < 40; i++) {
        const nationalId = freshNationalId();
        renewals.set(await create(rotating, nationalId), nationalId);
        await db.query(`UPDATE renewals SET stage = 'PRINTING', updated_at = now() WHERE renewal_id = $1`, [ids[i]]);
      }
    };
    const holder = db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM renewals WHERE renewal_id = ANY($1) FOR UPDATE', [
        [...renewals.keys()].slice(50, 60),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 700));
    });
    await Promise.all([rotate(), writers(), holder]);

    expect(Math.max(...batches)).toBeLessThanOrEqual(25);
    expect(batches.filter((n) => n > 0).length).toBeGreaterThanOrEqual(6);
    const after = await rotating.personalData.keyUsage();
    expect(after.renewals).toEqual({ 'test-only-pd-b': expect.any(Number) });
    expect(after.idempotentResponses).toEqual({ 'test-only-pd-b': expect.any(Number) });
    // Readable with B alone (A may now be dropped), and every citizen's look-up still finds their renewal.
    const afterRotation = createPersistence(db, onlyB);
    for (const [renewalId, nationalId] of renewals) {
      const record = await afterRotation.renewals.findInScope(renewalId, { nationalId });
      expect(record && afterRotation.renewals.nationalIdOf(record)).toBe(nationalId);
    }
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM renewals WHERE stage = 'PRINTING'`);
    expect(n).toBeGreaterThanOrEqual(40);
  });

  it("erases the personal data of renewals ended longer ago than the retention, in batches, and nobody else's", async () => {
    const day = 24 * 3600_000;
    const store = createPersistence(db, onlyB);
    const seed = async (stage: string, endedDaysAgo: number) => {
      const nationalId = freshNationalId();
      const renewalId = await create(store, nationalId);
      await db.query(
        `UPDATE renewals SET stage = $2, stage_entered_at = now() - make_interval(days => $3) WHERE renewal_id = $1`,
        [renewalId, stage, endedDaysAgo],
      );
      const jobKey = `${renewalId}/print-1-1`;
      await store.printJobs.recordSubmitted({ jobKey, renewalId, issueNumber: 1, attempt: 1, officeId: 'RUH-01' });
      await store.printJobs.recordPrinted(jobKey, `X${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
      return { renewalId, nationalId };
    };
    const old = [await seed('COMPLETED', 100), await seed('EXPIRED', 120), await seed('REJECTED', 91)];
    const recent = await seed('COMPLETED', 30);
    const inProgress = await seed('READY_FOR_PICKUP', 200);

    const counts = [];
    for (let run = 0; run < 4; run++) counts.push(await store.personalData.eraseEndedBefore(90 * day, 2));
    // Other renewals of this database ended long ago may be erased alongside; these three are, two at a time.
    expect(counts.slice(-2)).toEqual([0, 0]);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);

    for (const { renewalId, nationalId } of old) {
      const [row] = await db.query(
        `SELECT national_id_hmac, national_id_enc, national_id_key, personal_data_erased_at, stage
           FROM renewals WHERE renewal_id = $1`,
        [renewalId],
      );
      expect(row).toMatchObject({ national_id_hmac: null, national_id_enc: null, national_id_key: null });
      expect(row.personal_data_erased_at).toBeInstanceOf(Date);
      expect(await db.query('SELECT passport_number FROM print_jobs WHERE renewal_id = $1', [renewalId])).toEqual([
        { passport_number: null },
      ]);
      expect(await store.renewals.ofCitizen(nationalId, 10)).toEqual([]);
      const { rows: trail } = await store.audit.ofRenewal(renewalId, { limit: 50 });
      expect(trail.map((line) => [line.actor, line.action, line.outcome])).toEqual([
        ['housekeeping', 'personal-data.erased', 'ERASED'],
      ]);
    }
    for (const { renewalId, nationalId } of [recent, inProgress]) {
      const record = (await store.renewals.findInScope(renewalId, { nationalId }))!;
      expect(store.renewals.nationalIdOf(record)).toBe(nationalId);
      const [job] = await db.query('SELECT passport_number FROM print_jobs WHERE renewal_id = $1', [renewalId]);
      expect(job.passport_number).toMatch(/^X\d{8}$/);
    }
  });
});
