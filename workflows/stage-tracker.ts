import { upsertSearchAttributes } from '@temporalio/workflow';
import {
  DeliveryMethodKey,
  OfficeIdKey,
  RenewalStageKey,
  SlaBreachedKey,
  StageDeadlineKey,
} from '../src/temporal/search-attributes';
import { projection } from './activities';
import { SLA_BREACH_NOTE } from './stages';
import type { DeliveryMethod, RenewalStage } from './stages';
import type { RenewalInput, TimelineEntry } from './types';

/**
 * Where the renewal is and how it got there. Every change goes through here:
 * it keeps the timeline, pushes the search attributes (the one place that
 * does) and projects the change into the read model and the audit trail.
 */
export class StageTracker {
  stage: RenewalStage = 'ELIGIBILITY_CHECK';
  deliveryMethod: DeliveryMethod = 'PICKUP';
  officeId: string;
  stageDeadline?: Date;
  slaBreached = false;
  readonly timeline: TimelineEntry[] = [];
  private sequence = 0;

  constructor(private readonly input: RenewalInput) {
    this.officeId = input.officeId;
  }

  async enter(stage: RenewalStage, options: { deadline?: Date; note?: string } = {}): Promise<void> {
    this.stage = stage;
    this.stageDeadline = options.deadline;
    await this.record(options.note);
  }

  /** The delivery SLA was missed: operators can find the renewal; the stage does not change. */
  async markSlaBreached(): Promise<void> {
    this.slaBreached = true;
    await this.record(SLA_BREACH_NOTE);
  }

  /** A later deadline for the same stage (e.g. after an escalation). */
  async extendDeadline(deadline: Date, note: string): Promise<void> {
    this.stageDeadline = deadline;
    await this.record(note);
  }

  private async record(note: string | undefined): Promise<void> {
    const at = new Date().toISOString();
    this.timeline.push({ stage: this.stage, at, ...(note ? { note } : {}) });
    this.sequence += 1;
    upsertSearchAttributes([
      { key: RenewalStageKey, value: this.stage },
      { key: DeliveryMethodKey, value: this.deliveryMethod },
      { key: OfficeIdKey, value: this.officeId },
      { key: StageDeadlineKey, value: this.stageDeadline ?? null },
      { key: SlaBreachedKey, value: this.slaBreached },
    ]);
    await projection.recordStageChange({
      renewalId: this.input.renewalId,
      sequence: this.sequence,
      stage: this.stage,
      at,
      nationalId: this.input.nationalId,
      officeId: this.officeId,
      deliveryMethod: this.deliveryMethod,
      stageDeadline: this.stageDeadline?.toISOString(),
      slaBreached: this.slaBreached,
      note,
    });
  }
}
