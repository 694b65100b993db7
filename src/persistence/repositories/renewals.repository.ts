import { type EntityManager, In, Not } from 'typeorm';
import {
  type DeliveryMethod,
  type ProgressRecord,
  type RenewalPolicy,
  type RenewalStage,
  TERMINAL_STAGES,
} from '../../../workflows/contract';
import { RenewalRecord } from '../entities/renewal.entity';
import { type PersonalDataProtection, sealedPlaces } from '../personal-data';
import {
  type BoundedCount,
  boundedCount,
  boundedCountStatement,
  Conditions,
  type CountOptions,
  type Keyset,
  microsOf,
  type PageOf,
  type PageRequest,
  pageOf,
  type Statement,
} from './paging';

/** Which renewals a caller may see: all, or only a citizen's (by national ID) or an office's. */
export interface RenewalScope {
  nationalId?: string;
  officeId?: string;
}

/** What a progress write did; when applied, where the renewal was before it (for the stage metrics). */
export type ProgressOutcome =
  { outcome: 'APPLIED'; before: { stage: RenewalStage; enteredAt: Date } } | { outcome: 'STALE' | 'MISSING' };

export interface CreatedRenewal {
  renewalId: string;
  nationalId: string;
  officeId: string;
  /** The policy the workflow was started with. */
  policy: RenewalPolicy;
}

/** The operator's filters over the read model; every one is optional and they combine with AND. */
export interface RenewalFilter {
  stage?: RenewalStage;
  officeId?: string;
  deliveryMethod?: DeliveryMethod;
  slaBreached?: boolean;
  /** Only renewals whose current stage is overdue (past its deadline, operators alerted), or is not. */
  overdue?: boolean;
  /** Only renewals still under way that entered their stage before this time. */
  stuckSince?: Date;
  /** Only renewals still under way whose stage deadline has passed (`true`), or has not (`false`). */
  pastDeadline?: boolean;
}

/** A row of a list, with where it lies in the list's order (for the next page's start). */
type Listed = RenewalRecord & { cursorMicros: string };

// Spelled as the partial indexes' predicates are, so the planner sees a query may use them.
const ENDED = [...TERMINAL_STAGES].map((stage) => `'${stage}'`).join(', ');
const UNDER_WAY = `r.stage NOT IN (${ENDED})`;

const selectLists = new WeakMap<object, string>();

/**
 * The read model's columns under the entity's property names, so a raw row has
 * the record's shape (the driver already gives dates, numbers and JSON their types).
 */
function recordColumns(manager: EntityManager): string {
  const metadata = manager.connection.getMetadata(RenewalRecord);
  let list = selectLists.get(metadata);
  if (!list) {
    list = metadata.columns
      .map(({ databaseName, propertyName }) => `"${databaseName}" AS "${propertyName}"`)
      .join(', ');
    selectLists.set(metadata, list);
  }
  return list;
}

/**
 * The read model: one row per renewal, written by the API at creation and then by the workflow's projection.
 * A citizen is found by the keyed digest of their national ID, never by the ID itself, and the ID is stored
 * only encrypted (src/persistence/personal-data.ts).
 */
export class RenewalsRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly personalData: PersonalDataProtection,
    private readonly options: CountOptions = {},
  ) {}

  /**
   * Serialises renewal creations per citizen until the surrounding transaction
   * ends, so two requests cannot both find no renewal open and both start one.
   */
  async lockCreationsOf(nationalId: string): Promise<void> {
    // A transaction-level lock taken outside a transaction would be released at once, silently.
    if (!this.manager.queryRunner?.isTransactionActive) {
      throw new Error('lockCreationsOf needs a transaction (Persistence.transaction)');
    }
    // Keyed by the digest: a statement's parameters may reach PostgreSQL's logs.
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `renewal-create:${this.personalData.digest(nationalId).toString('hex')}`,
    ]);
  }

  /**
   * The row of a renewal just started, at sequence 0 so it is readable at once;
   * the workflow's projection then moves it on (it never creates the row). A
   * creation repeated for the same renewal keeps the row, and its policy, as they are.
   */
  async recordCreated({ nationalId, ...renewal }: CreatedRenewal): Promise<void> {
    const sealed = this.personalData.seal(nationalId, sealedPlaces.renewalNationalId(renewal.renewalId));
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(RenewalRecord)
      .values({
        ...renewal,
        nationalIdHmac: this.personalData.digest(nationalId),
        nationalIdEnc: sealed.data,
        nationalIdKey: sealed.keyId,
        stage: 'ELIGIBILITY_CHECK',
        deliveryMethod: 'PICKUP',
        lastSequence: 0,
        stageEnteredAt: new Date(),
      })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /**
   * The workflow's projection: the row takes the renewal's whole status
   * snapshot, only ever moving to a higher sequence, so a retried or late write
   * never takes the renewal back; the time a stage was entered is kept while the
   * stage stays the same (e.g. an SLA breach). It never creates the row (it
   * knows no national ID): the API writes it when it creates the renewal, and
   * until it has, the answer is `MISSING` and the write is tried again.
   */
  async applyProgress(record: ProgressRecord): Promise<ProgressOutcome> {
    const { snapshot } = record;
    // One statement: the row is locked and read as it was (`before`, for the stage metrics) and moved in the same
    // round trip, so the write on each stage change's path holds the row for as short a time as it can.
    // TypeORM answers an UPDATE with its RETURNING rows and the count of rows it changed.
    const [rows] = (await this.manager.query(
      `UPDATE renewals r SET
         stage = $2, delivery_method = $3, office_id = $4, stage_deadline = $5, sla_breached = $6,
         issue_number = $7, validity_years = $8, tracking = $9, pending_action = $10, outcome_reason = $11,
         counter_mismatches = $12, amount_due_sar = $13, bill_number = $14, last_sequence = $15,
         stage_entered_at = CASE WHEN r.stage = $2 THEN r.stage_entered_at ELSE $16 END, overdue = $17,
         has_snapshot = true, updated_at = now()
       FROM (SELECT renewal_id, stage, stage_entered_at FROM renewals WHERE renewal_id = $1 FOR UPDATE) before
       WHERE r.renewal_id = before.renewal_id AND r.last_sequence < $15
       RETURNING before.stage AS previous_stage, before.stage_entered_at AS previous_entered_at`,
      [
        record.renewalId,
        snapshot.stage,
        snapshot.deliveryMethod,
        snapshot.officeId,
        snapshot.stageDeadline ?? null,
        snapshot.slaBreached,
        snapshot.issueNumber,
        snapshot.validityYears ?? null,
        snapshot.tracking ? JSON.stringify(snapshot.tracking) : null,
        snapshot.pendingAction ?? null,
        snapshot.outcomeReason ?? null,
        snapshot.counterMismatches,
        snapshot.amountDueSar ?? null,
        snapshot.billNumber ?? null,
        record.sequence,
        record.at,
        snapshot.overdue,
      ],
    )) as [Array<{ previous_stage: RenewalStage; previous_entered_at: Date }>, number];
    const [applied] = rows;
    if (applied) {
      return {
        outcome: 'APPLIED',
        before: { stage: applied.previous_stage, enteredAt: new Date(applied.previous_entered_at) },
      };
    }
    return { outcome: (await this.exists(record.renewalId)) ? 'STALE' : 'MISSING' };
  }

  /**
   * The renewal, if it lies within the scope (otherwise it is as if it did not exist).
   * Every citizen read comes through here, so it is one plain statement: TypeORM's
   * `findOneBy` builds and maps its query anew on each call, which cost an eighth
   * of the API's CPU under read load (docs/benchmarks.md).
   */
  async findInScope(renewalId: string, scope: RenewalScope): Promise<RenewalRecord | null> {
    const [row]: RenewalRecord[] = await this.manager.query(
      `SELECT ${recordColumns(this.manager)} FROM renewals
        WHERE renewal_id = $1 AND ($2::bytea IS NULL OR national_id_hmac = $2) AND ($3::text IS NULL OR office_id = $3)`,
      [renewalId, scope.nationalId ? this.personalData.digest(scope.nationalId) : null, scope.officeId ?? null],
    );
    return row ? Object.assign(new RenewalRecord(), row) : null;
  }

  async exists(renewalId: string): Promise<boolean> {
    return this.manager.existsBy(RenewalRecord, { renewalId });
  }

  /** The citizen's renewal still under way, if any. */
  openOf(nationalId: string): Promise<RenewalRecord | null> {
    return this.manager.findOneBy(RenewalRecord, {
      nationalIdHmac: this.personalData.digest(nationalId),
      stage: Not(In([...TERMINAL_STAGES])),
    });
  }

  /** The citizen's renewals, newest first (those whose personal data were erased are no longer theirs to find). */
  ofCitizen(nationalId: string, limit: number): Promise<RenewalRecord[]> {
    return this.manager.find(RenewalRecord, {
      where: { nationalIdHmac: this.personalData.digest(nationalId) },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  /** The citizen's printed passports waiting at the office's counter, longest waiting first. */
  async readyForPickup(nationalId: string, officeId: string): Promise<RenewalRecord[]> {
    const { text, values } = this.readyForPickupStatement(nationalId, officeId);
    const rows: RenewalRecord[] = await this.manager.query(text, values);
    return rows.map((row) => Object.assign(new RenewalRecord(), row));
  }

  readyForPickupStatement(nationalId: string, officeId: string): Statement {
    return {
      text: `SELECT ${recordColumns(this.manager)} FROM renewals r
              WHERE r.national_id_hmac = $1 AND r.office_id = $2 AND r.stage = 'READY_FOR_PICKUP'
              ORDER BY r.stage_entered_at, r.renewal_id`,
      values: [this.personalData.digest(nationalId), officeId],
    };
  }

  /** The citizen's latest renewal waiting for a Wasel subscription. */
  async awaitingAddressOf(nationalId: string): Promise<string | undefined> {
    const record = await this.manager.findOne(RenewalRecord, {
      select: { renewalId: true },
      where: { nationalIdHmac: this.personalData.digest(nationalId), stage: 'AWAITING_ADDRESS' },
      order: { createdAt: 'DESC' },
    });
    return record?.renewalId;
  }

  /** The renewal's national ID, decrypted; undefined once erased (or for a row that never had one). */
  nationalIdOf(record: Pick<RenewalRecord, 'renewalId' | 'nationalIdEnc' | 'nationalIdKey'>): string | undefined {
    return openNationalId(this.personalData, record);
  }

  /**
   * How many renewals are in each stage, and how many of them are past their
   * stage deadline (the metrics' gauges): one grouped count over the stage index.
   */
  async countByStage(): Promise<Array<{ stage: RenewalStage; count: number; pastDeadline: number }>> {
    const rows: Array<{ stage: RenewalStage; count: string; past_deadline: string }> = await this.manager.query(
      `SELECT stage, count(*) AS count, count(*) FILTER (WHERE stage_deadline < now()) AS past_deadline
       FROM renewals GROUP BY stage`,
    );
    return rows.map((row) => ({ stage: row.stage, count: Number(row.count), pastDeadline: Number(row.past_deadline) }));
  }

  /**
   * Renewals matching the filter, newest first, a page at a time: read in order from the index that leads with
   * the filter's equalities (migration 1764850000000), stopping after the page.
   */
  async list(filter: RenewalFilter, page: PageRequest): Promise<PageOf<RenewalRecord>> {
    return this.page(this.listStatement(filter, page), page.limit);
  }

  /** How many renewals match the filter, up to the cap (see `boundedCount`). */
  count(filter: RenewalFilter): Promise<BoundedCount> {
    const conditions = filterConditions(filter);
    return boundedCount(this.manager, `FROM renewals r ${conditions.where}`, conditions, this.options);
  }

  /** The list's statement, as `list` runs it. */
  listStatement(filter: RenewalFilter, page: PageRequest): Statement {
    const conditions = filterConditions(filter).after(page.after, 'r.created_at', 'r.renewal_id', 'uuid', '<');
    return {
      text: `SELECT ${recordColumns(this.manager)}, ${microsOf('r.created_at')} AS "cursorMicros"
               FROM renewals r ${conditions.where}
              ORDER BY r.created_at DESC, r.renewal_id DESC LIMIT ${conditions.param(page.limit + 1)}`,
      values: conditions.values,
    };
  }

  /** The statements of `count` (the capped count; the estimate only runs above the cap). */
  countStatement(filter: RenewalFilter): Statement {
    const conditions = filterConditions(filter);
    return boundedCountStatement(`FROM renewals r ${conditions.where}`, conditions);
  }

  /** The renewal whose short reference carries this sequence number (src/domain/renewal-reference.ts), if any. */
  async byReferenceNumber(referenceNumber: number): Promise<RenewalRecord | null> {
    const { text, values } = this.byReferenceStatement(referenceNumber);
    const [row]: RenewalRecord[] = await this.manager.query(text, values);
    return row ? Object.assign(new RenewalRecord(), row) : null;
  }

  byReferenceStatement(referenceNumber: number): Statement {
    return {
      text: `SELECT ${recordColumns(this.manager)} FROM renewals r WHERE r.reference_number = $1`,
      values: [referenceNumber],
    };
  }

  /** A citizen's renewals for an operator, newest first, by the digest of their national ID (erased ones are gone). */
  async ofNationalId(nationalId: string, limit: number): Promise<RenewalRecord[]> {
    const { text, values } = this.ofNationalIdStatement(nationalId, limit);
    const rows: RenewalRecord[] = await this.manager.query(text, values);
    return rows.map((row) => Object.assign(new RenewalRecord(), row));
  }

  ofNationalIdStatement(nationalId: string, limit: number): Statement {
    return {
      text: `SELECT ${recordColumns(this.manager)} FROM renewals r WHERE r.national_id_hmac = $1
              ORDER BY r.created_at DESC, r.renewal_id DESC LIMIT $2`,
      values: [this.personalData.digest(nationalId), limit],
    };
  }

  /**
   * An office's counter queue: its printed passports waiting to be collected, longest waiting first, a page at
   * a time; `referenceNumber` finds one passport in it.
   */
  async pickupQueue(officeId: string, page: PageRequest, referenceNumber?: number): Promise<PageOf<RenewalRecord>> {
    return this.page(this.pickupQueueStatement(officeId, page, referenceNumber), page.limit);
  }

  pickupQueueStatement(officeId: string, page: PageRequest, referenceNumber?: number): Statement {
    const conditions = queueConditions(officeId, referenceNumber).after(
      page.after,
      'r.stage_entered_at',
      'r.renewal_id',
      'uuid',
      '>',
    );
    return {
      text: `SELECT ${recordColumns(this.manager)}, ${microsOf('r.stage_entered_at')} AS "cursorMicros"
               FROM renewals r ${conditions.where}
              ORDER BY r.stage_entered_at, r.renewal_id LIMIT ${conditions.param(page.limit + 1)}`,
      values: conditions.values,
    };
  }

  /** How many passports wait at the office (up to the cap). */
  pickupQueueCount(officeId: string, referenceNumber?: number): Promise<BoundedCount> {
    const conditions = queueConditions(officeId, referenceNumber);
    return boundedCount(this.manager, `FROM renewals r ${conditions.where}`, conditions, this.options);
  }

  pickupQueueCountStatement(officeId: string, referenceNumber?: number): Statement {
    const conditions = queueConditions(officeId, referenceNumber);
    return boundedCountStatement(`FROM renewals r ${conditions.where}`, conditions);
  }

  /** Runs a list statement read with one row more than the page, and cuts it. */
  private async page(statement: Statement, limit: number): Promise<PageOf<RenewalRecord>> {
    const rows: Listed[] = await this.manager.query(statement.text, statement.values);
    const { rows: page, next } = pageOf(rows, limit, (row): Keyset => ({
      micros: row.cursorMicros,
      id: row.renewalId,
    }));
    return {
      rows: page.map(({ cursorMicros: _, ...row }) => Object.assign(new RenewalRecord(), row)),
      next,
    };
  }
}

/** The filter as SQL conditions on `renewals r`, spelled so the partial indexes' predicates are seen to hold. */
function filterConditions(filter: RenewalFilter): Conditions {
  const conditions = new Conditions();
  if (filter.stage) conditions.add(`r.stage = ${conditions.param(filter.stage)}`);
  if (filter.officeId) conditions.add(`r.office_id = ${conditions.param(filter.officeId)}`);
  if (filter.deliveryMethod) conditions.add(`r.delivery_method = ${conditions.param(filter.deliveryMethod)}`);
  if (filter.slaBreached !== undefined) conditions.add(filter.slaBreached ? 'r.sla_breached' : 'NOT r.sla_breached');
  if (filter.overdue !== undefined) conditions.add(filter.overdue ? 'r.overdue' : 'NOT r.overdue');
  const underWay = filter.pastDeadline !== undefined || filter.stuckSince !== undefined;
  if (underWay) conditions.add(UNDER_WAY);
  // An ended stage asked of renewals under way: no row can match, and PostgreSQL, which cannot tell, would pass
  // every row of that stage to find none.
  if (underWay && filter.stage && TERMINAL_STAGES.has(filter.stage)) conditions.add('false');
  if (filter.pastDeadline !== undefined) {
    conditions.add(
      filter.pastDeadline ? 'r.stage_deadline < now()' : '(r.stage_deadline IS NULL OR r.stage_deadline >= now())',
    );
  }
  if (filter.stuckSince) conditions.add(`r.stage_entered_at < ${conditions.param(filter.stuckSince)}`);
  return conditions;
}

function queueConditions(officeId: string, referenceNumber?: number): Conditions {
  const conditions = new Conditions();
  conditions.add(`r.stage = 'READY_FOR_PICKUP'`).add(`r.office_id = ${conditions.param(officeId)}`);
  if (referenceNumber !== undefined) conditions.add(`r.reference_number = ${conditions.param(referenceNumber)}`);
  return conditions;
}

/** The national ID of a row read with its ciphertext, for the repositories that join renewals. */
export function openNationalId(
  personalData: PersonalDataProtection,
  row: Pick<RenewalRecord, 'renewalId' | 'nationalIdEnc' | 'nationalIdKey'>,
): string | undefined {
  if (!row.nationalIdEnc || !row.nationalIdKey) return undefined;
  return personalData.open(
    { keyId: row.nationalIdKey, data: row.nationalIdEnc },
    sealedPlaces.renewalNationalId(row.renewalId),
  );
}
