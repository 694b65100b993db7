import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { progress } from './activities';
import {
  type AlertToRaise,
  currentDetails,
  type DeliveryMethod,
  type NoticeToSend,
  type ProgressRecord,
  type RenewalInput,
  type RenewalSnapshot,
  type RenewalStage,
  SLA_BREACH_NOTE,
  type TimelineAction,
  type TimelineEntry,
  type TimelineLine,
} from './contract';
import { changedSearchAttributes } from './search-attribute-changes';
import { StageClock } from './stage-clock';

/** What the rest of the renewal adds to the tracker's own fields to make the status snapshot. */
export type SnapshotDetails = (
  stage: RenewalStage,
) => Omit<RenewalSnapshot, 'stage' | 'deliveryMethod' | 'officeId' | 'stageDeadline' | 'slaBreached' | 'overdue'>;

/** What a write tells and settles besides the snapshot: SMS notices, operator alerts, our mirrors. */
export type Telling = Partial<Pick<ProgressRecord, 'alerts' | 'paidBillNumber' | 'closedShipment'>> & {
  notices?: NoticeToSend[];
};

interface Position {
  stage: RenewalStage;
  deadline?: Date;
  slaBreached: boolean;
  /** Past the deadline of the stage (or of the step it is taking), operators alerted; a new stage clears it. */
  overdue: boolean;
}

/**
 * Where the renewal is and how it got there. Every change goes through here:
 * it keeps the timeline, pushes the search attributes (the one place that
 * does) and projects the change into the read model and the audit trail.
 *
 * Each change is written with one local activity that also carries the SMS
 * notices and operator alerts the change causes, and only the search
 * attributes that changed are upserted.
 */
export class StageTracker {
  stage: RenewalStage = 'ELIGIBILITY_CHECK';
  stageDeadline?: Date;
  slaBreached = false;
  overdue = false;
  private readonly timeline: TimelineEntry[] = [];
  private sequence = 0;
  private method: DeliveryMethod = 'PICKUP';
  private office: string;
  /** When the current stage was entered, for the Temporal UI's current details. */
  private stageSince = new Date();
  private noticesQueued = 0;
  /** Told or entered, to be written with the next write (`defer`). */
  private pending: { lines: TimelineLine[]; telling: Telling } = { lines: [], telling: {} };
  /** The last snapshot issued, to skip writes that would change nothing. */
  private issued?: string;
  /** The last snapshot written, and how much of the timeline had been: what the status query answers. */
  private written: { sequence: number; snapshot: RenewalSnapshot; timelineLength: number };

  constructor(
    private readonly input: RenewalInput,
    private readonly details: SnapshotDetails,
  ) {
    this.office = input.officeId;
    // Until the first write lands, the read model has the row the API created.
    this.written = { sequence: 0, snapshot: this.snapshot(), timelineLength: 0 };
  }

  get deliveryMethod(): DeliveryMethod {
    return this.method;
  }

  /** The office that prints, and hands over at the counter. */
  get officeId(): string {
    return this.office;
  }

  /**
   * The one place the delivery changes: the citizen's choice on acceptance, or
   * a fall-back to the counter (at `officeId`, or the current office). Recorded
   * with the next write.
   */
  changeDelivery(method: DeliveryMethod, officeId?: string): void {
    this.method = method;
    if (officeId) this.office = officeId;
  }

  /**
   * Enters `stage`; `notice` tells the citizen and `alert` operators, written
   * with the change itself. `deferred`: the stage's line goes with the next
   * write (the read model shows the stage already, as the API wrote it, or the
   * write that says more follows soon).
   */
  async enter(
    stage: RenewalStage,
    options: { deadline?: Date; note?: string; notice?: NoticeToSend; alert?: AlertToRaise; deferred?: boolean } = {},
  ): Promise<void> {
    const { deadline, note, notice, alert } = options;
    const position = { stage, deadline, slaBreached: this.slaBreached, overdue: false };
    const telling = { notices: notice && [notice], alerts: alert && [alert] };
    if (options.deferred) return this.defer(position, { action: 'stage.entered', note }, telling);
    await this.write(position, { action: 'stage.entered', note }, telling);
  }

  /** The delivery SLA was missed: operators can find the renewal and are alerted; the stage does not change. */
  async markSlaBreached(alert: AlertToRaise): Promise<void> {
    const position = { ...this.position(), slaBreached: true };
    await this.write(position, { action: 'sla.breached', note: SLA_BREACH_NOTE }, { alerts: [alert] });
  }

  /**
   * A clock for the stage about to be entered, or for a step of the current one (StageClock): at its deadline
   * `alert` is raised and the renewal marked overdue, with that deadline as the stage's.
   */
  startClock(deadlineMs: number, alert: AlertToRaise): StageClock {
    const clock: StageClock = StageClock.of(deadlineMs, () => this.markOverdue(alert, clock.deadline));
    return clock;
  }

  /**
   * Past `deadline` with the partner still not done: operators are alerted, and every surface (search
   * attributes, read model, desk, citizen's page) shows the renewal overdue until its stage changes. No timeline
   * line: the stage has not changed.
   */
  async markOverdue(alert: AlertToRaise, deadline: Date): Promise<void> {
    const position = { ...this.position(), deadline, overdue: true };
    await this.write(position, undefined, { alerts: [alert] });
  }

  /** The carrier's acceptance starts the delivery SLA: the stage's deadline moves, with one line saying so. */
  async extendDeadline(deadline: Date, note: string): Promise<void> {
    await this.write({ ...this.position(), deadline }, { action: 'stage.entered', note }, {});
  }

  /**
   * A new deadline for the stage the renewal is in, back on time (the step that was late is done), written
   * with what it tells and no new timeline line (a stage entered with `deferred` has its line go with it).
   */
  async moveDeadline(deadline: Date, telling: Telling = {}): Promise<void> {
    await this.write({ ...this.position(), deadline, overdue: false }, undefined, telling);
  }

  /**
   * Writes what changed without a new timeline line (a counter
   * verification, a carrier event within the stage) with what it tells; a write
   * that would change and tell nothing is skipped.
   */
  async refresh(telling: Telling = {}): Promise<void> {
    if (!hasAny(telling) && !this.hasPending() && JSON.stringify(this.snapshot()) === this.issued) return;
    await this.write(this.position(), undefined, telling);
  }

  /** `telling` goes with the next write (one that follows at once), or with `flush`. */
  defer(
    position: Position = this.position(),
    line?: Omit<TimelineLine, 'sequence' | 'stage' | 'at'>,
    telling: Telling = {},
  ) {
    this.move(position);
    if (line) this.pending.lines.push(this.line(line));
    this.pending.telling = merge(this.pending.telling, telling);
  }

  /** Writes what was deferred, if anything, now (before the renewal waits on someone else). */
  async flush(): Promise<void> {
    if (this.hasPending()) await this.write(this.position(), undefined, {});
  }

  /** The snapshot and timeline the read model has (`GET …/status` answers the same). */
  writtenStatus(): { snapshot: RenewalSnapshot; timeline: TimelineEntry[] } {
    const { snapshot, timelineLength } = this.written;
    return { snapshot, timeline: this.timeline.slice(0, timelineLength) };
  }

  private position(): Position {
    return { stage: this.stage, deadline: this.stageDeadline, slaBreached: this.slaBreached, overdue: this.overdue };
  }

  private snapshot(): RenewalSnapshot {
    return {
      stage: this.stage,
      deliveryMethod: this.method,
      officeId: this.office,
      stageDeadline: this.stageDeadline?.toISOString(),
      slaBreached: this.slaBreached,
      overdue: this.overdue,
      ...this.details(this.stage),
    };
  }

  private hasPending(): boolean {
    return this.pending.lines.length > 0 || hasAny(this.pending.telling);
  }

  /** The tracker's fields move when a write is issued, so one issued meanwhile (an update's) is never older. */
  private move({ stage, deadline, slaBreached, overdue }: Position): void {
    if (stage !== this.stage) this.stageSince = new Date();
    this.stage = stage;
    this.stageDeadline = deadline;
    this.slaBreached = slaBreached;
    this.overdue = overdue;
    this.showCurrentDetails();
  }

  /** The Temporal UI's current details, served by the built-in metadata query: no command, nothing in the history. */
  private showCurrentDetails(): void {
    setCurrentDetails(
      currentDetails({
        stage: this.stage,
        since: this.stageSince,
        deadline: this.stageDeadline,
        slaBreached: this.slaBreached,
        overdue: this.overdue,
        officeId: this.office,
        deliveryMethod: this.method,
      }),
    );
  }

  private line(line: Omit<TimelineLine, 'sequence' | 'stage' | 'at'>): TimelineLine {
    const entry = { sequence: ++this.sequence, stage: this.stage, at: new Date().toISOString(), ...line };
    if (!entry.note) delete entry.note;
    this.timeline.push({ stage: entry.stage, at: entry.at, ...(entry.note ? { note: entry.note } : {}) });
    return entry;
  }

  /**
   * One local activity with the snapshot, the timeline lines, notices
   * and alerts (those deferred included); only the changed search attributes
   * are upserted. The read model keeps the highest sequence, and the status
   * query what was written.
   */
  private async write(
    position: Position,
    line: { action: TimelineAction; note?: string } | undefined,
    telling: Telling,
  ) {
    this.move(position);
    const lines = [...this.pending.lines, ...(line ? [this.line(line)] : [])];
    const all = merge(this.pending.telling, telling);
    this.pending = { lines: [], telling: {} };
    const sequence = ++this.sequence;
    const snapshot = this.snapshot();
    this.issued = JSON.stringify(snapshot);
    const timelineLength = this.timeline.length;
    const changes = changedSearchAttributes(position, this.method, this.office);
    if (changes.length) upsertSearchAttributes(changes);
    await progress.recordProgress({
      renewalId: this.input.renewalId,
      sequence,
      at: new Date().toISOString(),
      snapshot,
      timeline: lines,
      notices: (all.notices ?? []).map((notice) => ({
        key: `${this.input.renewalId}/notice-${++this.noticesQueued}`,
        ...notice,
      })),
      alerts: all.alerts ?? [],
      ...(all.paidBillNumber ? { paidBillNumber: all.paidBillNumber } : {}),
      ...(all.closedShipment ? { closedShipment: all.closedShipment } : {}),
    });
    if (sequence > this.written.sequence) this.written = { sequence, snapshot, timelineLength };
  }
}

function hasAny(telling: Telling): boolean {
  return Boolean(telling.notices?.length || telling.alerts?.length || telling.paidBillNumber || telling.closedShipment);
}

function merge(a: Telling, b: Telling): Telling {
  return {
    notices: [...(a.notices ?? []), ...(b.notices ?? [])],
    alerts: [...(a.alerts ?? []), ...(b.alerts ?? [])],
    paidBillNumber: b.paidBillNumber ?? a.paidBillNumber,
    closedShipment: b.closedShipment ?? a.closedShipment,
  };
}
