import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import {
  currentDetails,
  type DeliveryMethod,
  DeliveryMethodKey,
  OfficeIdKey,
  type RenewalInput,
  type RenewalStage,
  RenewalStageKey,
  SLA_BREACH_NOTE,
  SlaBreachedKey,
  StageDeadlineKey,
  type TimelineEntry,
} from './contract';
import { projection } from './activities';

/**
 * Where the renewal is and how it got there. Every change goes through here:
 * it keeps the timeline, pushes the search attributes (the one place that
 * does) and projects the change into the read model and the audit trail.
 */
export class StageTracker {
  stage: RenewalStage = 'ELIGIBILITY_CHECK';
  stageDeadline?: Date;
  slaBreached = false;
  readonly timeline: TimelineEntry[] = [];
  private sequence = 0;
  private method: DeliveryMethod = 'PICKUP';
  private office: string;

  constructor(private readonly input: RenewalInput) {
    this.office = input.officeId;
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
   * with the next stage change.
   */
  changeDelivery(method: DeliveryMethod, officeId?: string): void {
    this.method = method;
    if (officeId) this.office = officeId;
  }

  async enter(stage: RenewalStage, options: { deadline?: Date; note?: string } = {}): Promise<void> {
    await this.record(stage, options.deadline, this.slaBreached, options.note);
  }

  /** The delivery SLA was missed: operators can find the renewal; the stage does not change. */
  async markSlaBreached(): Promise<void> {
    await this.record(this.stage, this.stageDeadline, true, SLA_BREACH_NOTE);
  }

  /** A later deadline for the same stage (e.g. after an escalation). */
  async extendDeadline(deadline: Date, note: string): Promise<void> {
    await this.record(this.stage, deadline, this.slaBreached, note);
  }

  /**
   * The tracker's own fields change only once the read model has the change,
   * so what the status query answers is never ahead of what the API reads from
   * PostgreSQL (a clerk's look-up, the audit trail).
   */
  private async record(stage: RenewalStage, deadline: Date | undefined, slaBreached: boolean, note?: string) {
    const at = new Date().toISOString();
    this.sequence += 1;
    upsertSearchAttributes([
      { key: RenewalStageKey, value: stage },
      { key: DeliveryMethodKey, value: this.deliveryMethod },
      { key: OfficeIdKey, value: this.officeId },
      { key: StageDeadlineKey, value: deadline ?? null },
      { key: SlaBreachedKey, value: slaBreached },
    ]);
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
    this.stage = stage;
    this.stageDeadline = deadline;
    this.slaBreached = slaBreached;
    this.timeline.push({ stage, at, ...(note ? { note } : {}) });
    // Served to the UI by the built-in metadata query: no command, nothing in the history.
    setCurrentDetails(
      currentDetails({ stage, since: at, deadline, slaBreached, officeId: this.officeId, deliveryMethod: this.method }),
    );
  }
}
