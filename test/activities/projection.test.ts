import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ActivityDependencies, createActivities } from '../../activities';
import { createProjectionActivities } from '../../activities/projection';
import { DEFAULT_POLICY } from '../../src/config/policy';
import { openDataSource } from '../../src/persistence/data-source';
import { createPersistence, type Persistence } from '../../src/persistence/persistence';
import type { AppliedStageChange, StageChangeMetrics } from '../../src/telemetry/metrics';
import { type ProgressRecord, type RenewalStage, SLA_BREACH_NOTE } from '../../workflows/contract';
import { testPersonalData } from '../support/personal-data-keys';
import { requireEnv } from '../support/temporal-test-env';

const NATIONAL_ID = '1058529940';

describe('projection activity (real PostgreSQL)', () => {
  let db: DataSource;
  let persistence: Persistence;
  let projection: ReturnType<typeof createProjectionActivities>;
  const counted: AppliedStageChange[] = [];

  beforeAll(async () => {
    db = await openDataSource(requireEnv('DATABASE_URL'));
    persistence = createPersistence(db, testPersonalData());
    const metrics = { record: (change: AppliedStageChange) => counted.push(change) };
    projection = createProjectionActivities(persistence, metrics as unknown as StageChangeMetrics);
  });
  afterAll(() => db?.destroy());

  /** The row the API writes when it creates the renewal: the projection only ever moves it on. */
  async function createdRenewal(): Promise<string> {
    const renewalId = randomUUID();
    await persistence.renewals.recordCreated({
      renewalId,
      nationalId: NATIONAL_ID,
      officeId: 'RUH-01',
      policy: DEFAULT_POLICY,
    });
    return renewalId;
  }

  function write(
    renewalId: string,
    sequence: number,
    stage: RenewalStage,
    extra: { slaBreached?: boolean; overdue?: boolean; note?: string; alerts?: ProgressRecord['alerts'] } = {},
  ): ProgressRecord {
    const at = new Date(Date.UTC(2026, 10, 28, 10, sequence)).toISOString();
    const action = extra.note === SLA_BREACH_NOTE ? 'sla.breached' : 'stage.entered';
    return {
      renewalId,
      sequence,
      at,
      snapshot: {
        stage,
        deliveryMethod: 'POST',
        officeId: 'RUH-01',
        issueNumber: 1,
        slaBreached: extra.slaBreached ?? false,
        overdue: extra.overdue ?? false,
        counterMismatches: 0,
      },
      // An overdue mark is no stage transition: it writes no timeline line.
      timeline: extra.overdue ? [] : [{ sequence, stage, at, action, ...(extra.note ? { note: extra.note } : {}) }],
      notices: [{ key: `${renewalId}/notice-${sequence}`, notice: 'DISPATCHED', params: {} }],
      alerts: extra.alerts ?? [],
    };
  }

  const row = (renewalId: string) =>
    db.query(
      'SELECT stage, last_sequence, sla_breached, overdue, stage_entered_at FROM renewals WHERE renewal_id = $1',
      [renewalId],
    );
  const audit = (renewalId: string) =>
    db.query('SELECT action, outcome FROM audit_events WHERE renewal_id = $1 ORDER BY occurred_at, id', [renewalId]);
  const outbox = (renewalId: string) =>
    db.query('SELECT message_key FROM sms_outbox WHERE renewal_id = $1 ORDER BY message_key', [renewalId]);

  it('is idempotent: a retried write leaves one audit line, one notice, the same row, and is counted once', async () => {
    const renewalId = await createdRenewal();
    counted.length = 0;
    await projection.recordProgress(write(renewalId, 1, 'DISPATCHED'));
    await projection.recordProgress(write(renewalId, 1, 'DISPATCHED'));
    expect(await row(renewalId)).toEqual([
      expect.objectContaining({ stage: 'DISPATCHED', last_sequence: 1, sla_breached: false }),
    ]);
    expect(await audit(renewalId)).toEqual([{ action: 'stage.entered', outcome: 'DISPATCHED' }]);
    expect(await outbox(renewalId)).toEqual([{ message_key: `${renewalId}/notice-1` }]);
    expect(counted.map((change) => [change.previous?.stage, change.stage])).toEqual([
      ['ELIGIBILITY_CHECK', 'DISPATCHED'],
    ]);
  });

  it('never moves the read model backwards when an older write lands late', async () => {
    const renewalId = await createdRenewal();
    await projection.recordProgress(write(renewalId, 2, 'IN_TRANSIT'));
    await projection.recordProgress(write(renewalId, 1, 'DISPATCHED'));
    expect(await row(renewalId)).toEqual([expect.objectContaining({ stage: 'IN_TRANSIT', last_sequence: 2 })]);
    // The audit trail still has both lines: it records what happened, in order of occurrence.
    expect(await audit(renewalId)).toEqual([
      { action: 'stage.entered', outcome: 'DISPATCHED' },
      { action: 'stage.entered', outcome: 'IN_TRANSIT' },
    ]);
  });

  it('records an SLA breach, with its operator alert, without resetting when the stage was entered', async () => {
    const renewalId = await createdRenewal();
    await projection.recordProgress(write(renewalId, 1, 'IN_TRANSIT'));
    const [entered] = await row(renewalId);
    const breach = write(renewalId, 2, 'IN_TRANSIT', {
      slaBreached: true,
      note: SLA_BREACH_NOTE,
      alerts: [{ kind: 'DELIVERY_SLA_BREACHED', details: { trackingNumber: 'SP000000001SA' } }],
    });
    // An alert is also logged, through the activity's context.
    await new MockActivityEnvironment().run(projection.recordProgress, breach);
    expect(await row(renewalId)).toEqual([
      expect.objectContaining({ sla_breached: true, last_sequence: 2, stage_entered_at: entered.stage_entered_at }),
    ]);
    expect((await audit(renewalId)).slice(-2)).toEqual([
      { action: 'sla.breached', outcome: 'IN_TRANSIT' },
      { action: 'operator.alert', outcome: 'DELIVERY_SLA_BREACHED' },
    ]);
  });

  it('marks a stage overdue with its alert and no timeline line, and the next stage clears the mark', async () => {
    const renewalId = await createdRenewal();
    await projection.recordProgress(write(renewalId, 1, 'PRINTING'));
    const [entered] = await row(renewalId);
    const overdue = write(renewalId, 2, 'PRINTING', {
      overdue: true,
      alerts: [{ kind: 'PRINT_OVERDUE', details: { jobKey: `${renewalId}/issue-1/print-1` } }],
    });
    await new MockActivityEnvironment().run(projection.recordProgress, overdue);
    expect(await row(renewalId)).toEqual([
      expect.objectContaining({ overdue: true, last_sequence: 2, stage_entered_at: entered.stage_entered_at }),
    ]);
    expect((await audit(renewalId)).slice(-2)).toEqual([
      { action: 'stage.entered', outcome: 'PRINTING' },
      { action: 'operator.alert', outcome: 'PRINT_OVERDUE' },
    ]);
    await projection.recordProgress(write(renewalId, 3, 'FAILED'));
    expect(await row(renewalId)).toEqual([expect.objectContaining({ stage: 'FAILED', overdue: false })]);
  });

  it('waits for the row the API writes: a write for a renewal not in the read model fails, to be retried', async () => {
    const renewalId = randomUUID();
    await expect(projection.recordProgress(write(renewalId, 1, 'AWAITING_ACCEPTANCE'))).rejects.toThrow(
      'is not in the read model yet',
    );
    expect(await audit(renewalId)).toEqual([]);
    expect(await outbox(renewalId)).toEqual([]);
  });

  it('refuses to rewrite the audit trail', async () => {
    const renewalId = await createdRenewal();
    await projection.recordProgress(write(renewalId, 1, 'PRINTING'));
    await expect(db.query('DELETE FROM audit_events WHERE renewal_id = $1', [renewalId])).rejects.toThrow(
      'audit_events is append-only',
    );
  });

  it("fails the activity with the database message but not the failing row (which holds the citizen's digest and ciphertext)", async () => {
    const renewalId = await createdRenewal();
    // The national ID is no longer in the row in clear; its digest and ciphertext are, and are the citizen's too.
    // (PostgreSQL shows a long value's beginning only: 32 hex digits of each are sought.)
    const [row] = await db.query(
      `SELECT left(encode(national_id_hmac, 'hex'), 32) AS digest, left(encode(national_id_enc, 'hex'), 32) AS sealed
         FROM renewals WHERE renewal_id = $1`,
      [renewalId],
    );
    // A snapshot without a stage violates NOT NULL; PostgreSQL's detail then lists the row, those values included.
    const broken = write(renewalId, 1, 'PRINTING');
    broken.snapshot.stage = null as unknown as RenewalStage;
    const failureOf = (attempt: Promise<void>) =>
      attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
    const everything = (error: unknown) => JSON.stringify(error, Object.getOwnPropertyNames(error));

    // Unwrapped, the query's error carries them: the check below can fail.
    const unwrapped = everything(await failureOf(projection.recordProgress(broken)));
    expect(unwrapped).toContain(row.digest);
    expect(unwrapped).toContain(row.sealed);
    expect(unwrapped).not.toContain(NATIONAL_ID);

    const activities = createActivities({ persistence } as ActivityDependencies);
    const error = await failureOf(activities.recordProgress(broken));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Database error 23502: null value in column "stage"/);
    for (const value of [NATIONAL_ID, row.digest, row.sealed]) expect(everything(error)).not.toContain(value);
  });
});
