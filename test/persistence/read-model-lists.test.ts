import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TERMINAL_STAGES } from '../../workflows/contract';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { openDataSource, runMigrations } from '../../src/persistence/data-source';
import { createPersistence, type Persistence } from '../../src/persistence/persistence';
import { COUNT_CAP, type Keyset } from '../../src/persistence/repositories/paging';
import type { RenewalFilter } from '../../src/persistence/repositories/renewals.repository';
import { emptyDatabase } from '../support/databases';
import { testPersonalData } from '../support/personal-data-keys';

/** A seeded row as the test knows it, to work out what each list must answer. */
interface Seeded {
  id: string;
  micros: bigint;
  stage: string;
  office: string;
  delivery: string;
  sla: boolean;
  overdue: boolean;
  deadline: Date | null;
  entered: Date;
}

const STAGES = ['AWAITING_PAYMENT', 'PRINTING', 'READY_FOR_PICKUP', 'IN_TRANSIT', 'COMPLETED', 'CANCELLED'];
const OFFICES = ['RUH-01', 'JED-01', 'DMM-01'];
const DAY = 24 * 3600 * 1000;

/** Deterministic choices, so a failure can be run again as it was. */
function chooser(seed: number) {
  let state = seed;
  return <T>(items: readonly T[]): T => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    // The high bits: the low bits of this generator repeat with a short period.
    return items[Math.floor(state / 65_536) % items.length];
  };
}

/**
 * The operator's list, the counter's queue, the alerts and the audit trail over a database of their own: every
 * combination of filters answers exactly the rows it should, newest first, and keyset paging hands out every row
 * once, however rows share a time and whatever is written between pages. Timings are the bench's business.
 */
describe('read-model lists (real PostgreSQL)', () => {
  let db: DataSource;
  let persistence: Persistence;
  const seeded: Seeded[] = [];
  const now = Date.now();

  beforeAll(async () => {
    const url = await emptyDatabase('lists');
    await runMigrations(url);
    db = await openDataSource(url);
    // Counts are asserted exact: a loaded machine must not turn one into an estimate (the last test shows that).
    persistence = createPersistence(db, testPersonalData(), { countTimeoutMs: 5_000 });

    const pick = chooser(7);
    // Groups of rows share one creation time to the microsecond, and neighbours differ by one microsecond, so the
    // id must break ties and the cursor must keep microseconds.
    const base = BigInt(now - 30 * DAY) * 1000n;
    for (let i = 0; i < 240; i++) {
      const micros = base + BigInt(Math.floor(i / 4)) * (i % 8 < 4 ? 1n : 3_600_000_000n);
      const stage = pick(STAGES);
      const delivery =
        stage === 'READY_FOR_PICKUP' ? 'PICKUP' : stage === 'IN_TRANSIT' ? 'POST' : pick(['PICKUP', 'POST']);
      const entered = new Date(now - pick([1, 3, 5, 10]) * DAY);
      // Deadlines days away from now, so "past its deadline" cannot change while the test runs.
      const deadline = pick([null, -2, 2]);
      // Overdue as the stage clock marks it: under way, past its deadline (every other such row: the mark comes
      // from the workflow, the deadline from the read model). Not drawn, so the rows drawn above stay as they were.
      const overdue = deadline === -2 && !['COMPLETED', 'CANCELLED'].includes(stage) && i % 2 === 0;
      seeded.push({
        id: randomUUID(),
        micros,
        stage,
        office: pick(OFFICES),
        delivery,
        sla: delivery === 'POST' && pick([false, false, true]),
        overdue,
        deadline: deadline === null ? null : new Date(now + deadline * DAY),
        entered,
      });
    }
    await db.query(
      `INSERT INTO renewals (renewal_id, created_at, stage, office_id, delivery_method, sla_breached, overdue,
                             stage_deadline, stage_entered_at, last_sequence)
       SELECT id, timestamptz 'epoch' + micros * interval '1 microsecond', stage, office, delivery, sla, overdue,
              deadline, entered, 1
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::boolean[],
                     $8::timestamptz[], $9::timestamptz[]) AS s(id, micros, stage, office, delivery, sla, overdue,
                                                                deadline, entered)`,
      [
        seeded.map((row) => row.id),
        seeded.map((row) => row.micros.toString()),
        seeded.map((row) => row.stage),
        seeded.map((row) => row.office),
        seeded.map((row) => row.delivery),
        seeded.map((row) => row.sla),
        seeded.map((row) => row.overdue),
        seeded.map((row) => row.deadline),
        seeded.map((row) => row.entered),
      ],
    );
  });
  afterAll(() => db?.destroy());

  const newestFirst = (a: Seeded, b: Seeded) =>
    a.micros === b.micros ? (a.id < b.id ? 1 : -1) : a.micros < b.micros ? 1 : -1;

  function expected(filter: RenewalFilter): string[] {
    return seeded
      .filter((row) => {
        const underWay = !TERMINAL_STAGES.has(row.stage as never);
        if (filter.stage && row.stage !== filter.stage) return false;
        if (filter.officeId && row.office !== filter.officeId) return false;
        if (filter.deliveryMethod && row.delivery !== filter.deliveryMethod) return false;
        if (filter.slaBreached !== undefined && row.sla !== filter.slaBreached) return false;
        if (filter.overdue !== undefined && row.overdue !== filter.overdue) return false;
        if ((filter.pastDeadline !== undefined || filter.stuckSince) && !underWay) return false;
        const past = row.deadline !== null && row.deadline.getTime() < Date.now();
        if (filter.pastDeadline !== undefined && past !== filter.pastDeadline) return false;
        if (filter.stuckSince && !(row.entered < filter.stuckSince)) return false;
        return true;
      })
      .sort(newestFirst)
      .map((row) => row.id);
  }

  async function readAll(filter: RenewalFilter, limit: number, between?: () => Promise<void>): Promise<string[]> {
    const ids: string[] = [];
    let after: Keyset | undefined;
    for (let pages = 0; pages < 1000; pages++) {
      const page = await persistence.renewals.list(filter, { limit, after });
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      ids.push(...page.rows.map((row) => row.renewalId));
      if (!page.next) return ids;
      // A page that says another follows is full.
      expect(page.rows).toHaveLength(limit);
      after = page.next;
      await between?.();
    }
    throw new Error('the list did not end');
  }

  it('answers every combination of the desk’s filters with exactly its rows, newest first, counted exactly', async () => {
    const stuckSince = new Date(now - 4 * DAY);
    let combinations = 0;
    for (const stage of [undefined, 'READY_FOR_PICKUP', 'IN_TRANSIT', 'COMPLETED'] as const)
      for (const officeId of [undefined, 'RUH-01', 'JED-01'])
        for (const deliveryMethod of [undefined, 'PICKUP', 'POST'] as const)
          // The two marks each alone, either way, and together.
          for (const marks of [
            {},
            { slaBreached: true },
            { slaBreached: false },
            { overdue: true },
            { overdue: false },
            { slaBreached: false, overdue: true },
          ])
            for (const pastDeadline of [undefined, true, false])
              for (const stuck of [undefined, stuckSince]) {
                const filter: RenewalFilter = { stage, officeId, deliveryMethod, ...marks, pastDeadline };
                if (stuck) filter.stuckSince = stuck;
                const want = expected(filter);
                expect({ filter, ids: await readAll(filter, 13) }).toEqual({ filter, ids: want });
                expect(await persistence.renewals.count(filter)).toEqual({ count: want.length, kind: 'EXACT' });
                combinations++;
              }
    expect(combinations).toBe(1296);
    // The filters do select: the seed gives most combinations rows and leaves some empty.
    expect(expected({ stage: 'IN_TRANSIT', slaBreached: true, pastDeadline: true }).length).toBeGreaterThan(0);
    expect(expected({ officeId: 'RUH-01', overdue: true }).length).toBeGreaterThan(0);
    expect(expected({ overdue: true }).length).toBeLessThan(expected({ pastDeadline: true }).length);
  });

  it('pages through every row exactly once while renewals are created between and during the pages', async () => {
    const before = expected({});
    let creating = true;
    const created: string[] = [];
    const create = async () => {
      const renewalId = randomUUID();
      await persistence.renewals.recordCreated({
        renewalId,
        nationalId: '1058529940',
        officeId: 'RUH-01',
        policy: DEFAULT_POLICY,
      });
      created.push(renewalId);
    };
    // One writer keeps creating renewals while the pages are read, and each page is followed by one more.
    const writer = (async () => {
      while (creating) await create();
    })();
    const read = await readAll({}, 7, create);
    creating = false;
    await writer;

    expect(new Set(read).size).toBe(read.length);
    expect(read).toEqual(before);
    expect(created.length).toBeGreaterThan(read.length / 7);
    // Created meanwhile: newer than every page read, so on the first page of a fresh read.
    const fresh = await persistence.renewals.list({}, { limit: 5 });
    expect(created).toEqual(expect.arrayContaining(fresh.rows.map((row) => row.renewalId)));
    seeded.push(
      ...(
        await db.query(
          `SELECT renewal_id AS id, ${'(extract(epoch FROM created_at) * 1000000)::bigint'} AS micros, stage,
                office_id AS office, delivery_method AS delivery, sla_breached AS sla, overdue,
                stage_deadline AS deadline,
                stage_entered_at AS entered
           FROM renewals WHERE renewal_id = ANY($1)`,
          [created],
        )
      ).map((row: Seeded & { micros: string }) => ({ ...row, micros: BigInt(row.micros) })),
    );
  });

  it('gives each renewal a unique reference number, and finds it by it', async () => {
    const rows: Array<{ renewal_id: string; reference_number: string }> = await db.query(
      'SELECT renewal_id, reference_number FROM renewals',
    );
    expect(new Set(rows.map((row) => row.reference_number)).size).toBe(rows.length);
    const [some] = rows;
    expect(await persistence.renewals.byReferenceNumber(Number(some.reference_number))).toMatchObject({
      renewalId: some.renewal_id,
      referenceNumber: some.reference_number,
    });
    expect(await persistence.renewals.byReferenceNumber(10 ** 10)).toBeNull();
  });

  it("reads an office's pickup queue longest waiting first, a page at a time, and finds one passport in it", async () => {
    const waiting = seeded
      .filter((row) => row.stage === 'READY_FOR_PICKUP' && row.office === 'JED-01')
      .sort((a, b) => a.entered.getTime() - b.entered.getTime() || (a.id < b.id ? -1 : 1))
      .map((row) => row.id);
    expect(waiting.length).toBeGreaterThan(5);
    const read: string[] = [];
    let after: Keyset | undefined;
    do {
      const page = await persistence.renewals.pickupQueue('JED-01', { limit: 4, after });
      read.push(...page.rows.map((row) => row.renewalId));
      after = page.next;
    } while (after);
    expect(read).toEqual(waiting);
    expect(await persistence.renewals.pickupQueueCount('JED-01')).toEqual({ count: waiting.length, kind: 'EXACT' });

    const [{ reference_number: number }] = await db.query(
      'SELECT reference_number FROM renewals WHERE renewal_id = $1',
      [waiting[2]],
    );
    const found = await persistence.renewals.pickupQueue('JED-01', { limit: 50 }, Number(number));
    expect(found.rows.map((row) => row.renewalId)).toEqual([waiting[2]]);
    // Another office's queue does not hold it.
    expect((await persistence.renewals.pickupQueue('RUH-01', { limit: 50 }, Number(number))).rows).toEqual([]);
  });

  it("pages a renewal's audit trail in order, every line once, lines of the same microsecond included", async () => {
    const renewalId = seeded[0].id;
    const at = new Date(now - DAY).toISOString();
    for (let i = 0; i < 25; i++) {
      await persistence.audit.append({
        eventKey: `lists:${renewalId}:${i}`,
        renewalId,
        actor: 'workflow',
        action: 'stage.entered',
        outcome: `LINE_${String(i).padStart(2, '0')}`,
        // Five lines at each time: the id orders them.
        at: i < 20 ? new Date(Date.parse(at) + Math.floor(i / 5)).toISOString() : at.replace('Z', '') + 'Z',
      });
    }
    const outcomes: string[] = [];
    let after: Keyset | undefined;
    do {
      const page = await persistence.audit.ofRenewal(renewalId, { limit: 6, after });
      outcomes.push(...page.rows.map((line) => line.outcome));
      after = page.next;
    } while (after);
    const lines: Array<{ outcome: string }> = await db.query(
      'SELECT outcome FROM audit_events WHERE renewal_id = $1 ORDER BY occurred_at, id',
      [renewalId],
    );
    expect(outcomes).toEqual(lines.map((line) => line.outcome));
    expect(outcomes).toHaveLength(25);
  });

  it('lists the alerts the trail raises, by every filter, and acknowledges each once', async () => {
    const [a, b] = [seeded[1].id, seeded[2].id];
    const t0 = Date.parse('2026-12-01T10:00:00Z');
    const raise = (renewalId: string, kind: string, minutes: number, key: string = randomUUID()) =>
      persistence.audit.append({
        eventKey: `alert:${key}`,
        renewalId,
        actor: 'workflow',
        action: 'operator.alert',
        outcome: kind,
        details: { minutes },
        at: new Date(t0 + minutes * 60_000).toISOString(),
      });
    await raise(a, 'PRINT_OVERDUE', 0);
    await raise(a, 'DELIVERY_SLA_BREACHED', 1);
    await raise(b, 'PRINT_OVERDUE', 2);
    await raise(b, 'PRINT_OVERDUE', 3, 'twice');
    // The same alert line written again (a retried activity) is one alert.
    await raise(b, 'PRINT_OVERDUE', 3, 'twice');
    // Lines of other actions raise nothing.
    await persistence.audit.append({
      eventKey: randomUUID(),
      renewalId: a,
      actor: 'x',
      action: 'other',
      outcome: 'X',
      at: new Date(t0).toISOString(),
    });

    const kinds = async (filter: Parameters<Persistence['alerts']['list']>[0], limit = 2) => {
      const listed: string[] = [];
      let after: Keyset | undefined;
      do {
        const page = await persistence.alerts.list(filter, { limit, after });
        listed.push(...page.rows.map((alert) => `${alert.kind}@${alert.details.minutes}`));
        after = page.next;
      } while (after);
      return listed;
    };
    expect(await kinds({})).toEqual([
      'PRINT_OVERDUE@3',
      'PRINT_OVERDUE@2',
      'DELIVERY_SLA_BREACHED@1',
      'PRINT_OVERDUE@0',
    ]);
    expect(await kinds({ kind: 'PRINT_OVERDUE', renewalId: b })).toEqual(['PRINT_OVERDUE@3', 'PRINT_OVERDUE@2']);
    expect(await kinds({ since: new Date(t0 + 60_000), until: new Date(t0 + 3 * 60_000) })).toEqual([
      'PRINT_OVERDUE@2',
      'DELIVERY_SLA_BREACHED@1',
    ]);
    expect(await persistence.alerts.count({ renewalId: a })).toEqual({ count: 2, kind: 'EXACT' });

    const [newest] = (await persistence.alerts.list({ renewalId: b }, { limit: 1 })).rows;
    expect(newest).toMatchObject({ kind: 'PRINT_OVERDUE', raisedBy: 'workflow', renewalId: b });
    expect(newest.acknowledgement).toBeUndefined();
    const at = new Date('2026-12-01T11:00:00Z');
    const first = await persistence.alerts.acknowledge(newest.alertId, 'operator:ops-1', 'Print centre called', at);
    expect(first).toEqual({
      outcome: 'ACKNOWLEDGED',
      alert: { ...newest, acknowledgement: { by: 'operator:ops-1', at, note: 'Print centre called' } },
    });
    const again = await persistence.alerts.acknowledge(newest.alertId, 'operator:ops-2', 'Me too', new Date());
    expect(again).toEqual({ ...first, outcome: 'ALREADY_ACKNOWLEDGED' });
    expect(await persistence.alerts.acknowledge('999999999', 'operator:ops-1', 'none', new Date())).toBeUndefined();

    expect(await kinds({ acknowledged: false })).toEqual([
      'PRINT_OVERDUE@2',
      'DELIVERY_SLA_BREACHED@1',
      'PRINT_OVERDUE@0',
    ]);
    expect(await kinds({ acknowledged: true })).toEqual(['PRINT_OVERDUE@3']);
  });

  it(`counts up to ${COUNT_CAP.toLocaleString('en')} and then says so, with the planner's estimate`, async () => {
    await db.query(
      `INSERT INTO renewals (renewal_id, stage, office_id, delivery_method, stage_entered_at, last_sequence)
       SELECT gen_random_uuid(), CASE WHEN g % 1000 = 0 THEN 'PRINTING' ELSE 'COMPLETED' END, 'CAP-01', 'POST', now(), 1
         FROM generate_series(1, $1) g`,
      [COUNT_CAP + 500],
    );
    await db.query('ANALYZE renewals');
    const capped = await persistence.renewals.count({ officeId: 'CAP-01' });
    expect(capped).toEqual({ count: COUNT_CAP, kind: 'AT_LEAST', estimate: expect.any(Number) });
    // Estimated from the statistics: the right order of magnitude, never below what was counted.
    expect(capped.estimate).toBeGreaterThan(COUNT_CAP);
    expect(capped.estimate).toBeLessThan(COUNT_CAP * 3);
    expect(await persistence.renewals.count({ officeId: 'CAP-01', stage: 'PRINTING' })).toEqual({
      count: 10,
      kind: 'EXACT',
    });
  });

  it('answers with the estimate when counting takes longer than its limit', async () => {
    // Counting waits for a lock another transaction holds for a second: past the 100 ms limit, the estimate answers
    // (planning it waits for the lock too, then takes no scan).
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE renewals IN ACCESS EXCLUSIVE MODE');
    const released = new Promise((resolve) => setTimeout(resolve, 1_000)).then(() => holder.commitTransaction());
    try {
      const hurried = createPersistence(db, testPersonalData(), { countTimeoutMs: 100 });
      const started = Date.now();
      const count = await hurried.renewals.count({ officeId: 'CAP-01' });
      expect(count).toEqual({ count: expect.any(Number), kind: 'ESTIMATED', estimate: count.count });
      expect(count.count).toBeGreaterThan(COUNT_CAP);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      await released;
      await holder.release();
    }
  });
});
