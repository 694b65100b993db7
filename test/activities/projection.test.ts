import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ActivityDependencies, createActivities } from '../../activities';
import { createProjectionActivities } from '../../activities/projection';
import type { StageChange } from '../../workflows/contract';
import { openDataSource } from '../../src/persistence/data-source';
import { createPersistence } from '../../src/persistence/persistence';
import { requireEnv } from '../support/temporal-test-env';

describe('projection activity (real PostgreSQL)', () => {
  let db: DataSource;
  let projection: ReturnType<typeof createProjectionActivities>;

  beforeAll(async () => {
    db = await openDataSource(requireEnv('DATABASE_URL'));
    projection = createProjectionActivities(createPersistence(db));
  });
  afterAll(() => db?.destroy());

  function change(renewalId: string, sequence: number, stage: StageChange['stage'], extra: Partial<StageChange> = {}) {
    return {
      renewalId,
      sequence,
      stage,
      at: new Date(Date.UTC(2026, 10, 28, 10, sequence)).toISOString(),
      nationalId: '1058529940',
      officeId: 'RUH-01',
      deliveryMethod: 'POST' as const,
      slaBreached: false,
      ...extra,
    };
  }

  const row = (renewalId: string) =>
    db.query('SELECT stage, last_sequence, sla_breached, stage_entered_at FROM renewals WHERE renewal_id = $1', [
      renewalId,
    ]);
  const audit = (renewalId: string) =>
    db.query('SELECT action, outcome FROM audit_events WHERE renewal_id = $1 ORDER BY occurred_at, id', [renewalId]);

  it('is idempotent: a retried write leaves one audit line and the same row', async () => {
    const renewalId = randomUUID();
    await projection.recordStageChange(change(renewalId, 1, 'ELIGIBILITY_CHECK'));
    await projection.recordStageChange(change(renewalId, 1, 'ELIGIBILITY_CHECK'));
    expect(await row(renewalId)).toEqual([
      expect.objectContaining({ stage: 'ELIGIBILITY_CHECK', last_sequence: 1, sla_breached: false }),
    ]);
    expect(await audit(renewalId)).toEqual([{ action: 'stage.entered', outcome: 'ELIGIBILITY_CHECK' }]);
  });

  it('never moves the read model backwards when an older write lands late', async () => {
    const renewalId = randomUUID();
    await projection.recordStageChange(change(renewalId, 2, 'IN_TRANSIT'));
    await projection.recordStageChange(change(renewalId, 1, 'DISPATCHED'));
    expect(await row(renewalId)).toEqual([expect.objectContaining({ stage: 'IN_TRANSIT', last_sequence: 2 })]);
    // The audit trail still has both lines: it records what happened, in order of occurrence.
    expect(await audit(renewalId)).toEqual([
      { action: 'stage.entered', outcome: 'DISPATCHED' },
      { action: 'stage.entered', outcome: 'IN_TRANSIT' },
    ]);
  });

  it('records an SLA breach without resetting when the stage was entered', async () => {
    const renewalId = randomUUID();
    await projection.recordStageChange(change(renewalId, 1, 'IN_TRANSIT'));
    const [entered] = await row(renewalId);
    await projection.recordStageChange(
      change(renewalId, 2, 'IN_TRANSIT', { slaBreached: true, note: 'DELIVERY_SLA_BREACHED' }),
    );
    expect(await row(renewalId)).toEqual([
      expect.objectContaining({ sla_breached: true, last_sequence: 2, stage_entered_at: entered.stage_entered_at }),
    ]);
    expect((await audit(renewalId)).at(-1)).toEqual({ action: 'sla.breached', outcome: 'IN_TRANSIT' });
  });

  it('refuses to rewrite the audit trail', async () => {
    const renewalId = randomUUID();
    await projection.recordStageChange(change(renewalId, 1, 'PRINTING'));
    await expect(db.query('DELETE FROM audit_events WHERE renewal_id = $1', [renewalId])).rejects.toThrow(
      'audit_events is append-only',
    );
  });
});

describe('activity errors from the database', () => {
  it('keep the database message but drop the query parameters (which hold national IDs)', async () => {
    const db = await openDataSource(requireEnv('DATABASE_URL'));
    try {
      const activities = createActivities({ persistence: createPersistence(db) } as ActivityDependencies);
      // A change without a stage violates NOT NULL; its parameters include the national ID.
      const failing = activities.recordStageChange({
        ...({} as StageChange),
        renewalId: randomUUID(),
        nationalId: '1058529940',
        sequence: 1,
      });
      const error = await failing.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^Database error 23502: null value in column/);
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('1058529940');
    } finally {
      await db.destroy();
    }
  });
});
