import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { progress, projection } from './activities';
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
import { allSearchAttributes, changedSearchAttributes } from './search-attribute-changes';

/**
 * Marks renewals whose every change is one local activity (read model, audit,
 * SMS outbox and alerts in one write) with only the changed search attributes;
 * renewals started before replay their remote projection and notify activities.
 */
export const LEAN_HISTORY = 'lean-history';

/** What the rest of the renewal adds to the tracker's own fields to make the status snapshot. */
export type SnapshotDetails = (
  stage: RenewalStage,
) => Omit<RenewalSnapshot, 'stage' | 'deliveryMethod' | 'officeId' | 'stageDeadline' | 'slaBreached'>;

/** How renewals started before the lean history tell people: an activity per notice and per alert. */
export interface LegacySideChannels {
  notify(notice: NoticeToSend['notice'], params?: NoticeToSend['params']): void;
  alertOperators(kind: string, details?: Record<string, unknown>): Promise<void>;
}

/** What a write tells and settles besides the snapshot: SMS notices, operator alerts, our mirrors. */
export type Telling = Partial<Pick<ProgressRecord, 'alerts' | 'paidBillNumber' | 'closedShipment'>> & {
  notices?: NoticeToSend[];
};

interface Position {
  stage: RenewalStage;
  deadline?: Date;
  slaBreached: boolean;
}

/**
 * Where the renewal is and how it got there. Every change goes through here:
 * it keeps the timeline, pushes the search attributes (the one place that
 * does) and projects the change into the read model and the audit trail.
 *
 * Renewals started with the lean history (`lean`) write each change with one
 * local activity that also carries the SMS notices and operator alerts the
 * change causes, and upsert only the search attributes that changed. Older
 * renewals keep their recorded commands: all search attributes, a projection
 * activity, then an activity per notice.
 */
export class StageTracker {
  stage: RenewalStage = 'ELIGIBILITY_CHECK';
  stageDeadline?: Date;
  slaBreached = false;
  readonly timeline: TimelineEntry[] = [];
  private sequence = 0;
  private method: DeliveryMethod = 'PICKUP';
  private office: string;
  /** When the current stage was entered, for the Temporal UI's current details. */
  private stageSince = new Date().toISOString();
  // ---- lean only
  private noticesQueued = 0;
  /** Told or entered, to be written with the next write (`defer`). */
  private pending: { lines: TimelineLine[]; telling: Telling } = { lines: [], telling: {} };
  /** The last snapshot issued, to skip writes that would change nothing. */
  private issued?: string;
  /** The last snapshot written, and how much of the timeline had been: what the status query answers. */
  private written?: { sequence: number; snapshot: RenewalSnapshot; timelineLength: number };

  constructor(
    private readonly input: RenewalInput,
    readonly lean: boolean,
    private readonly details: SnapshotDetails,
    private readonly legacy: LegacySideChannels,
  ) {
    this.office = input.officeId;
    // Until the first write lands, the read model has the row the API created.
    if (lean) this.written = { sequence: 0, snapshot: this.snapshot(), timelineLength: 0 };
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
   * Enters `stage`; `notice` tells the citizen (with the change itself, or
   * right after it on older renewals). `deferred` (lean): the read model shows
   * the stage already (the API wrote it), so its line goes with the next write.
   */
  async enter(
    stage: RenewalStage,
    options: { deadline?: Date; note?: string; notice?: NoticeToSend; deferred?: boolean } = {},
  ): Promise<void> {
    const { deadline, note, notice } = options;
    const position = { stage, deadline, slaBreached: this.slaBreached };
    if (!this.lean) {
      await this.record(position, note);
      if (notice) this.legacy.notify(notice.notice, notice.params);
      return;
    }
    const telling = { notices: notice && [notice] };
    if (options.deferred) return this.defer(position, { action: 'stage.entered', note }, telling);
    await this.write(position, { action: 'stage.entered', note }, telling);
  }

  /** The delivery SLA was missed: operators can find the renewal and are alerted; the stage does not change. */
  async markSlaBreached(alert: AlertToRaise): Promise<void> {
    const position = { stage: this.stage, deadline: this.stageDeadline, slaBreached: true };
    if (this.lean) return this.write(position, { action: 'sla.breached', note: SLA_BREACH_NOTE }, { alerts: [alert] });
    await this.record(position, SLA_BREACH_NOTE);
    await this.legacy.alertOperators(alert.kind, alert.details);
  }

  /** A later deadline for the same stage (e.g. after an escalation), with the alert that goes with it (lean). */
  async extendDeadline(deadline: Date, note: string, alert?: AlertToRaise): Promise<void> {
    const position = { stage: this.stage, deadline, slaBreached: this.slaBreached };
    if (this.lean) return this.write(position, { action: 'stage.entered', note }, { alerts: alert && [alert] });
    await this.record(position, note);
  }

  /**
   * Lean only: writes what changed without a new timeline line (a counter
   * verification, a carrier event within the stage) with what it tells; a write
   * that would change and tell nothing is skipped.
   */
  async refresh(telling: Telling = {}): Promise<void> {
    if (!hasAny(telling) && !this.hasPending() && JSON.stringify(this.snapshot()) === this.issued) return;
    await this.write(this.position(), undefined, telling);
  }

  /** Lean only: `telling` goes with the next write (one that follows at once), or with `flush`. */
  defer(
    position: Position = this.position(),
    line?: Omit<TimelineLine, 'sequence' | 'stage' | 'at'>,
    telling: Telling = {},
  ) {
    this.move(position);
    if (line) this.pending.lines.push(this.line(line));
    this.pending.telling = merge(this.pending.telling, telling);
  }

  /** Lean only: writes what was deferred, if anything, now (before the renewal waits on someone else). */
  async flush(): Promise<void> {
    if (this.hasPending()) await this.write(this.position(), undefined, {});
  }

  /** Lean: the snapshot and timeline the read model has (`GET …/status` answers the same). */
  writtenStatus(): { snapshot: RenewalSnapshot; timeline: TimelineEntry[] } {
    const { snapshot, timelineLength } = this.written!;
    return { snapshot, timeline: this.timeline.slice(0, timelineLength) };
  }

  private position(): Position {
    return { stage: this.stage, deadline: this.stageDeadline, slaBreached: this.slaBreached };
  }

  private snapshot(): RenewalSnapshot {
    return {
      stage: this.stage,
      deliveryMethod: this.method,
      officeId: this.office,
      stageDeadline: this.stageDeadline?.toISOString(),
      slaBreached: this.slaBreached,
      ...this.details(this.stage),
    };
  }

  private hasPending(): boolean {
    return this.pending.lines.length > 0 || hasAny(this.pending.telling);
  }

  /** Lean: the tracker's fields move when a write is issued, so one issued meanwhile (an update's) is never older. */
  private move({ stage, deadline, slaBreached }: Position): void {
    if (stage !== this.stage) this.stageSince = new Date().toISOString();
    this.stage = stage;
    this.stageDeadline = deadline;
    this.slaBreached = slaBreached;
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
   * Lean: one local activity with the snapshot, the timeline lines, notices
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
    if (sequence > this.written!.sequence) this.written = { sequence, snapshot, timelineLength };
  }

  /**
   * Renewals started before the lean history, command for command: the
   * tracker's fields change only once the read model has the change, so what
   * the status query answers is never ahead of what the API reads from
   * PostgreSQL (a clerk's look-up, the audit trail).
   */
  private async record({ stage, deadline, slaBreached }: Position, note?: string) {
    const at = new Date().toISOString();
    this.sequence += 1;
    upsertSearchAttributes(allSearchAttributes({ stage, deadline, slaBreached }, this.method, this.office));
    await projection.recordStageChange({
      renewalId: this.input.renewalId,
      sequence: this.sequence,
      stage,
      at,
      nationalId: this.input.nationalId,
      officeId: this.officeId,
      deliveryMethod: this.deliveryMethod,
      stageDeadline: deadline?.toISOString(),
      slaBreached,
      note,
    });
    if (stage !== this.stage) this.stageSince = at;
    this.stage = stage;
    this.stageDeadline = deadline;
    this.slaBreached = slaBreached;
    this.timeline.push({ stage, at, ...(note ? { note } : {}) });
    this.showCurrentDetails();
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
