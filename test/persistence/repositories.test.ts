import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { envelopeBarcode, shipmentKey } from '../../workflows/contract';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { openDataSource } from '../../src/persistence/data-source';
import { RenewalRecord } from '../../src/persistence/entities/renewal.entity';
import { createPersistence, type Persistence } from '../../src/persistence/persistence';
import { testPersonalData } from '../support/personal-data-keys';
import { requireEnv } from '../support/temporal-test-env';

/** The repositories' subtle writes, against the migrated schema: idempotent, never regressing, atomic claims. */
describe('repositories (real PostgreSQL)', () => {
  let db: DataSource;
  let persistence: Persistence;

  beforeAll(async () => {
    db = await openDataSource(requireEnv('DATABASE_URL'));
    persistence = createPersistence(db, testPersonalData());
  });
  afterAll(() => db?.destroy());

  const nationalId = '1058529940';
  const trackingNumber = () => `SP${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}SA`;

  describe('renewals', () => {
    it('keeps the row, and its first policy, when a creation is repeated', async () => {
      const renewalId = randomUUID();
      const created = { renewalId, nationalId, officeId: 'RUH-01', policy: DEFAULT_POLICY };
      await persistence.renewals.recordCreated(created);
      await db.query(`UPDATE renewals SET stage = 'AWAITING_ACCEPTANCE', last_sequence = 1 WHERE renewal_id = $1`, [
        renewalId,
      ]);
      const changed = { ...DEFAULT_POLICY, fees: { ...DEFAULT_POLICY.fees, fiveYearsSar: 999 } };
      await persistence.renewals.recordCreated({ ...created, policy: changed });

      const row = await persistence.renewals.findInScope(renewalId, {});
      expect(row).toMatchObject({ stage: 'AWAITING_ACCEPTANCE', lastSequence: 1, policy: DEFAULT_POLICY });
    });

    it('reads a renewal within a scope as the entity reads it, every column typed, and nothing outside it', async () => {
      const renewalId = randomUUID();
      await persistence.renewals.recordCreated({ renewalId, nationalId, officeId: 'RUH-01', policy: DEFAULT_POLICY });
      const tracking = { trackingNumber: trackingNumber(), lastEvent: 'PICKED_UP' };
      await db.query(
        `UPDATE renewals SET tracking = $2, validity_years = 10, amount_due_sar = 650, stage_deadline = now(),
           has_snapshot = true WHERE renewal_id = $1`,
        [renewalId, tracking],
      );
      const asTypeOrmReadsIt = await db.manager.findOneByOrFail(RenewalRecord, { renewalId });

      for (const scope of [{}, { nationalId }, { officeId: 'RUH-01' }, { nationalId, officeId: 'RUH-01' }]) {
        const row = await persistence.renewals.findInScope(renewalId, scope);
        expect(row).toBeInstanceOf(RenewalRecord);
        expect(row).toEqual(asTypeOrmReadsIt);
      }
      expect(asTypeOrmReadsIt).toMatchObject({ tracking, validityYears: 10, amountDueSar: 650, hasSnapshot: true });
      expect(asTypeOrmReadsIt.stageDeadline).toBeInstanceOf(Date);
      for (const scope of [{ nationalId: '1000000008' }, { officeId: 'JED-01' }, { nationalId, officeId: 'JED-01' }]) {
        expect(await persistence.renewals.findInScope(renewalId, scope)).toBeNull();
      }
      expect(await persistence.renewals.findInScope(randomUUID(), {})).toBeNull();
    });

    it('serialises creations per citizen, and only inside a transaction', async () => {
      const citizen = `1${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
      await expect(persistence.renewals.lockCreationsOf(citizen)).rejects.toThrow('needs a transaction');

      const order: string[] = [];
      let releaseFirst!: () => void;
      const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstLocked!: () => void;
      const locked = new Promise<void>((resolve) => (firstLocked = resolve));
      const first = persistence.transaction(async (tx) => {
        await tx.renewals.lockCreationsOf(citizen);
        firstLocked();
        await firstHolds;
        order.push('first done');
      });
      await locked;
      const second = persistence.transaction(async (tx) => {
        await tx.renewals.lockCreationsOf(citizen);
        order.push('second locked');
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      order.push('first releases');
      releaseFirst();
      await Promise.all([first, second]);
      expect(order).toEqual(['first releases', 'first done', 'second locked']);
    });
  });

  describe('bills', () => {
    it('keep one row per bill key, with SADAD’s latest status', async () => {
      const renewalId = randomUUID();
      const bill = {
        billKey: `${renewalId}/fee`,
        renewalId,
        billNumber: String(randomInt(1e11, 1e12)),
        amountSar: 335,
        status: 'UNPAID' as const,
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      };
      await persistence.bills.recordIssued(bill);
      await persistence.bills.recordIssued({ ...bill, status: 'PAID' });
      expect(await db.query('SELECT status FROM bills WHERE renewal_id = $1', [renewalId])).toEqual([
        { status: 'PAID' },
      ]);
      await persistence.bills.markRefunded(bill.billNumber);
      expect(await db.query('SELECT status FROM bills WHERE renewal_id = $1', [renewalId])).toEqual([
        { status: 'REFUNDED' },
      ]);
    });
  });

  describe('print jobs', () => {
    it('keep the first submission of a job key, then record what became of it', async () => {
      const renewalId = randomUUID();
      const job = { jobKey: `${renewalId}/issue-1/print-1`, renewalId, issueNumber: 1, attempt: 1, officeId: 'RUH-01' };
      await persistence.printJobs.recordSubmitted(job);
      await persistence.printJobs.recordPrinted(job.jobKey, 'N7654321');
      await persistence.printJobs.recordSubmitted(job);
      expect(
        await db.query('SELECT status, passport_number FROM print_jobs WHERE renewal_id = $1', [renewalId]),
      ).toEqual([{ status: 'PRINTED', passport_number: 'N7654321' }]);
    });
  });

  describe('shipments', () => {
    function dispatched(renewalId: string, issueNumber: number) {
      return {
        shipmentKey: shipmentKey(renewalId, issueNumber),
        renewalId,
        issueNumber,
        envelopeBarcode: envelopeBarcode(renewalId, issueNumber),
        trackingNumber: trackingNumber(),
      };
    }

    it('record a dispatch once, and refuse another shipment’s tracking number', async () => {
      const renewalId = randomUUID();
      const first = dispatched(renewalId, 1);
      await persistence.shipments.recordDispatched(first);
      await persistence.shipments.recordDispatched({ ...first, trackingNumber: trackingNumber() });
      expect(await persistence.shipments.renewalOfTrackingNumber(first.trackingNumber)).toBe(renewalId);

      const clash = { ...dispatched(randomUUID(), 1), trackingNumber: first.trackingNumber };
      await expect(persistence.shipments.recordDispatched(clash)).rejects.toThrow(/shipments_tracking_number_key/);
    });

    it('record a shipment requested before the carrier answers, placed by key or barcode until it does', async () => {
      const renewalId = randomUUID();
      const { trackingNumber: number, ...requested } = dispatched(renewalId, 1);
      await persistence.shipments.recordRequested(requested);
      await persistence.shipments.recordRequested(requested);
      const unknownNumber = trackingNumber();
      await expect(
        persistence.shipments.ofCarrierEvent({ shipmentKey: requested.shipmentKey, trackingNumber: unknownNumber }),
      ).resolves.toMatchObject({ renewalId, status: 'REQUESTED', trackingNumber: null });
      await expect(
        persistence.shipments.ofCarrierEvent({
          envelopeBarcode: requested.envelopeBarcode,
          trackingNumber: unknownNumber,
        }),
      ).resolves.toMatchObject({ renewalId });
      await expect(persistence.shipments.ofCarrierEvent({ trackingNumber: unknownNumber })).resolves.toBeUndefined();

      await persistence.shipments.recordTrackingNumber(requested.shipmentKey, number);
      await persistence.shipments.recordTrackingNumber(requested.shipmentKey, number);
      await expect(persistence.shipments.ofCarrierEvent({ trackingNumber: number })).resolves.toMatchObject({
        shipmentKey: requested.shipmentKey,
        status: 'CREATED',
      });
      // The carrier broke its idempotency: a second number for the same shipment is an error, not overwritten.
      await expect(persistence.shipments.recordTrackingNumber(requested.shipmentKey, trackingNumber())).rejects.toThrow(
        /another tracking number/,
      );
    });

    it('find the latest open envelope, and keep the first closure’s time', async () => {
      const renewalId = randomUUID();
      await persistence.renewals.recordCreated({ renewalId, nationalId, officeId: 'RUH-01', policy: DEFAULT_POLICY });
      await db.query(`UPDATE renewals SET stage = 'IN_TRANSIT', delivery_method = 'POST' WHERE renewal_id = $1`, [
        renewalId,
      ]);
      const lost = dispatched(renewalId, 1);
      const reissue = dispatched(renewalId, 2);
      await persistence.shipments.recordDispatched(lost);
      await persistence.shipments.close(lost.shipmentKey, 'LOST');
      await persistence.shipments.recordDispatched(reissue);
      expect(await persistence.shipments.openShipmentOf(renewalId)).toMatchObject({ issueNumber: 2 });

      await persistence.shipments.close(reissue.shipmentKey, 'DELIVERED');
      const { shipment: closed } = (await persistence.shipments.byEnvelopeBarcode(reissue.envelopeBarcode))!;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await persistence.shipments.close(reissue.shipmentKey, 'RECALLED');
      const found = await persistence.shipments.byEnvelopeBarcode(reissue.envelopeBarcode);
      expect(found).toEqual({
        nationalId,
        shipment: expect.objectContaining({ status: 'RECALLED', closedAt: closed.closedAt }),
      });
      expect(closed.closedAt).toBeInstanceOf(Date);
      expect(await persistence.shipments.openShipmentOf(renewalId)).toBeNull();
    });
  });

  describe('loss claims', () => {
    it('keep the first record of a claim', async () => {
      const renewalId = randomUUID();
      const claim = {
        claimKey: `${renewalId}/issue-1/loss-claim`,
        renewalId,
        trackingNumber: trackingNumber(),
        carrierClaimId: 'CLM-1',
        liabilitySar: 300,
        status: 'OPEN' as const,
      };
      await persistence.lossClaims.recordOpened(claim);
      await persistence.lossClaims.recordOpened({ ...claim, carrierClaimId: 'CLM-2', status: 'ACCEPTED' });
      expect(
        await db.query('SELECT carrier_claim_id, status FROM loss_claims WHERE renewal_id = $1', [renewalId]),
      ).toEqual([{ carrier_claim_id: 'CLM-1', status: 'OPEN' }]);
    });
  });

  describe('idempotency keys', () => {
    const request = () => ({ scope: `citizen:${randomUUID()}`, key: randomUUID() });

    it('let exactly one of concurrent claims through', async () => {
      const key = request();
      const claims = await Promise.all(
        Array.from({ length: 8 }, () => persistence.idempotencyKeys.claim(key, 'hash-1', 60)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await persistence.idempotencyKeys.find(key)).toEqual({
        requestHash: 'hash-1',
        state: 'IN_PROGRESS',
        responseStatus: null,
        responseBody: null,
        expired: false,
      });
    });

    it('hand a lease over only once it has run out, and to one taker', async () => {
      const live = request();
      await persistence.idempotencyKeys.claim(live, 'hash-1', 60);
      expect(await persistence.idempotencyKeys.takeOverExpired(live, 60)).toBe(false);

      const stale = request();
      await persistence.idempotencyKeys.claim(stale, 'hash-1', 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await persistence.idempotencyKeys.find(stale)).toMatchObject({ expired: true });
      const takers = await Promise.all([
        persistence.idempotencyKeys.takeOverExpired(stale, 60),
        persistence.idempotencyKeys.takeOverExpired(stale, 60),
      ]);
      expect(takers.filter(Boolean)).toHaveLength(1);
    });

    it('keep a completed response, which a release no longer removes', async () => {
      const key = request();
      await persistence.idempotencyKeys.claim(key, 'hash-1', 60);
      await persistence.idempotencyKeys.complete(key, 202, { renewalId: 'r-1' });
      await persistence.idempotencyKeys.release(key);
      expect(await persistence.idempotencyKeys.find(key)).toMatchObject({
        state: 'COMPLETED',
        responseStatus: 202,
        responseBody: { renewalId: 'r-1' },
      });

      const failed = request();
      await persistence.idempotencyKeys.claim(failed, 'hash-1', 60);
      await persistence.idempotencyKeys.release(failed);
      expect(await persistence.idempotencyKeys.find(failed)).toBeUndefined();
    });
  });

  describe('webhook receipts and the audit trail', () => {
    it('take a partner message in once', async () => {
      const id = `msg_${randomUUID()}`;
      expect(await persistence.webhookReceipts.receive('sadad', id)).toBe(true);
      expect(await persistence.webhookReceipts.receive('sadad', id)).toBe(false);
      expect(await persistence.webhookReceipts.receive('wasel', id)).toBe(true);
      await persistence.webhookReceipts.settle('sadad', id, null, 'NO_RENEWAL_AWAITING_ADDRESS');
      expect(
        await db.query('SELECT outcome FROM webhook_receipts WHERE webhook_id = $1 ORDER BY partner', [id]),
      ).toEqual([{ outcome: 'NO_RENEWAL_AWAITING_ADDRESS' }, { outcome: 'PROCESSING' }]);
    });

    it('append an audit line once per event key, and read the trail in order', async () => {
      const renewalId = randomUUID();
      const line = { renewalId, actor: 'workflow', action: 'stage.entered', details: { note: 'n' } };
      await persistence.audit.append({
        ...line,
        eventKey: `t:${renewalId}:2`,
        outcome: 'PRINTING',
        at: '2026-11-28T10:02:00Z',
      });
      await persistence.audit.append({
        ...line,
        eventKey: `t:${renewalId}:1`,
        outcome: 'AWAITING_PAYMENT',
        at: '2026-11-28T10:01:00Z',
      });
      await persistence.audit.append({
        ...line,
        eventKey: `t:${renewalId}:1`,
        outcome: 'CHANGED',
        at: '2026-11-28T10:03:00Z',
      });
      const { rows: trail } = await persistence.audit.ofRenewal(renewalId, { limit: 50 });
      expect(trail.map((event) => [event.outcome, event.occurredAt.toISOString(), event.details])).toEqual([
        ['AWAITING_PAYMENT', '2026-11-28T10:01:00.000Z', { note: 'n' }],
        ['PRINTING', '2026-11-28T10:02:00.000Z', { note: 'n' }],
      ]);
    });
  });
});
