import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { openDataSource } from '../../src/persistence/data-source';
import { createPersistence, type Persistence } from '../../src/persistence/persistence';
import { testPersonalData } from '../support/personal-data-keys';
import type { ProgressRecord, RenewalStage } from '../../workflows/contract';
import { requireEnv } from '../support/temporal-test-env';

/** The projection's writes and the SMS outbox's claims, against the migrated schema. */
describe('progress writes and the SMS outbox (real PostgreSQL)', () => {
  let db: DataSource;
  let persistence: Persistence;

  beforeAll(async () => {
    db = await openDataSource(requireEnv('DATABASE_URL'));
    persistence = createPersistence(db, testPersonalData());
  });
  afterAll(() => db?.destroy());

  async function createdRenewal(): Promise<string> {
    const renewalId = randomUUID();
    await persistence.renewals.recordCreated({
      renewalId,
      nationalId: '1058529940',
      officeId: 'RUH-01',
      policy: DEFAULT_POLICY,
    });
    return renewalId;
  }

  function progress(renewalId: string, sequence: number, stage: RenewalStage, extra: Partial<ProgressRecord> = {}) {
    const at = new Date(Date.UTC(2026, 11, 1, 9, sequence)).toISOString();
    return {
      renewalId,
      sequence,
      at,
      snapshot: {
        stage,
        deliveryMethod: 'PICKUP',
        officeId: 'RUH-01',
        issueNumber: 1,
        slaBreached: false,
        overdue: false,
        counterMismatches: 0,
        ...(stage === 'AWAITING_PAYMENT' ? { billNumber: '700100000001', amountDueSar: 600 } : {}),
      },
      timeline: [{ sequence, stage, at, action: 'stage.entered' }],
      notices: [],
      alerts: [],
      ...extra,
    } satisfies ProgressRecord;
  }

  it('moves the read model only forward, keeps the row’s creator, and writes each line and notice once', async () => {
    const renewalId = await createdRenewal();
    const notice = {
      key: `${renewalId}/notice-1`,
      notice: 'BILL_ISSUED' as const,
      params: { billNumber: '700100000001' },
    };
    const paying = progress(renewalId, 4, 'AWAITING_PAYMENT', { notices: [notice] });
    expect(await persistence.renewals.applyProgress(paying)).toEqual({
      outcome: 'APPLIED',
      before: { stage: 'ELIGIBILITY_CHECK', enteredAt: expect.any(Date) },
    });
    await persistence.audit.append({
      eventKey: `workflow:${renewalId}:4`,
      renewalId,
      actor: 'workflow',
      action: 'stage.entered',
      outcome: 'AWAITING_PAYMENT',
      at: paying.at,
    });
    await persistence.smsOutbox.enqueue([
      { messageKey: notice.key, renewalId, notice: notice.notice, params: notice.params },
    ]);
    // A retried write, and a late one from before: neither changes anything.
    expect(await persistence.renewals.applyProgress(paying)).toEqual({ outcome: 'STALE' });
    expect(await persistence.renewals.applyProgress(progress(renewalId, 2, 'AWAITING_ACCEPTANCE'))).toEqual({
      outcome: 'STALE',
    });
    await persistence.smsOutbox.enqueue([{ messageKey: notice.key, renewalId, notice: notice.notice, params: {} }]);

    const row = await persistence.renewals.findInScope(renewalId, {});
    expect(row).toMatchObject({
      stage: 'AWAITING_PAYMENT',
      nationalIdKey: 'test-only-pd-a',
      hasSnapshot: true,
      lastSequence: 4,
      billNumber: '700100000001',
      amountDueSar: 600,
      policy: DEFAULT_POLICY,
    });
    // The progress writes left the citizen the API wrote as it was.
    expect(persistence.renewals.nationalIdOf(row!)).toBe('1058529940');
    expect(await persistence.audit.timelineOf(renewalId)).toEqual([{ stage: 'AWAITING_PAYMENT', at: paying.at }]);
    expect((await persistence.smsOutbox.ofRenewal(renewalId)).map((n) => [n.messageKey, n.params])).toEqual([
      [notice.key, { billNumber: '700100000001' }],
    ]);
  });

  it('answers MISSING for a renewal the API has not written yet (the projection knows no national ID)', async () => {
    expect(await persistence.renewals.applyProgress(progress(randomUUID(), 1, 'AWAITING_ACCEPTANCE'))).toEqual({
      outcome: 'MISSING',
    });
  });

  it('lets concurrent senders claim disjoint notices, for a lease, and records a send once', async () => {
    const renewals = await Promise.all(Array.from({ length: 6 }, () => createdRenewal()));
    const keys = renewals.map((renewalId) => `${renewalId}/notice-1`);
    await persistence.smsOutbox.enqueue(
      renewals.map((renewalId, i) => ({ messageKey: keys[i], renewalId, notice: 'PRINTING', params: {} })),
    );
    const mine = (claimed: { messageKey: string }[]) =>
      claimed.map((n) => n.messageKey).filter((k) => keys.includes(k));

    // Two senders at once, each in its own short transaction: no notice is claimed twice.
    const [a, b] = await Promise.all([
      persistence.smsOutbox.claimDue(1000, 60_000),
      persistence.smsOutbox.claimDue(1000, 60_000),
    ]);
    expect([...mine(a), ...mine(b)].sort()).toEqual([...keys].sort());
    expect([...a, ...b].find((n) => n.messageKey === keys[0])).toMatchObject({
      renewalId: renewals[0],
      nationalId: '1058529940',
      attempts: 1,
    });
    // Within the lease nobody claims them again.
    expect(mine(await persistence.smsOutbox.claimDue(1000, 60_000))).toEqual([]);

    expect(await persistence.smsOutbox.markSent(keys[0], { gatewayMessageId: 'SM1', language: 'ar' })).toBe(true);
    expect(await persistence.smsOutbox.markSent(keys[0], { gatewayMessageId: 'SM1', language: 'ar' })).toBe(false);
    expect(await persistence.smsOutbox.markUndeliverable(keys[1], 'InvalidMobile')).toBe(true);
    // A failed send is claimable again after its backoff.
    await persistence.smsOutbox.retryLater(keys[2], 'PartnerUnavailable', 0);
    expect(mine(await persistence.smsOutbox.claimDue(1000, 60_000))).toEqual([keys[2]]);

    const rows = await Promise.all(renewals.slice(0, 3).map((id) => persistence.smsOutbox.ofRenewal(id)));
    expect(rows.flat().map((n) => [n.messageKey, n.status, n.attempts])).toEqual([
      [keys[0], 'SENT', 1],
      [keys[1], 'UNDELIVERABLE', 1],
      [keys[2], 'PENDING', 2],
    ]);
  });

  it('gives out a renewal’s notices one at a time, in the order they were written', async () => {
    const renewalId = await createdRenewal();
    const [first, second, third] = [1, 2, 3].map((n) => `${renewalId}/notice-${n}`);
    // The second and third are written together (one transaction, one statement).
    await persistence.smsOutbox.enqueue([{ messageKey: first, renewalId, notice: 'BILL_ISSUED', params: {} }]);
    await persistence.transaction((tx) =>
      tx.smsOutbox.enqueue([
        { messageKey: second, renewalId, notice: 'PAYMENT_RECEIVED', params: {} },
        { messageKey: third, renewalId, notice: 'PRINTING', params: {} },
      ]),
    );
    const claimNext = async () =>
      (await persistence.smsOutbox.claimDue(1000, 60_000))
        .filter((n) => n.renewalId === renewalId)
        .map((n) => n.messageKey);

    expect(await claimNext()).toEqual([first]);
    // While the first is out (or waits to be retried), nothing after it is due.
    expect(await claimNext()).toEqual([]);
    await persistence.smsOutbox.retryLater(first, 'PartnerUnavailable', 60_000);
    expect(await claimNext()).toEqual([]);
    await persistence.smsOutbox.retryLater(first, 'PartnerUnavailable', 0);
    expect(await claimNext()).toEqual([first]);
    await persistence.smsOutbox.markSent(first, { gatewayMessageId: 'SM1', language: 'ar' });
    expect(await claimNext()).toEqual([second]);
    await persistence.smsOutbox.markSent(second, { gatewayMessageId: 'SM2', language: 'ar' });
    expect(await claimNext()).toEqual([third]);
  });
});
