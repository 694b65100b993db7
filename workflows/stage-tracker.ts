import { upsertSearchAttributes } from '@temporalio/workflow';
import {
  DeliveryMethodKey,
  OfficeIdKey,
  RenewalStageKey,
  SlaBreachedKey,
  StageDeadlineKey,
} from '../src/temporal/search-attributes';
import { projection } from './activities';
import type { DeliveryMethod, RenewalStage } from './stages';
import type { RenewalInput, TimelineEntry } from './types';

/**
 * Where the renewal is and how it got there. Every stage change goes through
 * `enter`, which keeps the timeline, pushes the search attributes (the one
 * place that does) and projects the change into the read model and audit trail.
 */
export class StageTracker {
  stage: RenewalStage = 'ELIGIBILITY_CHECK';
  deliveryMethod: DeliveryMethod = 'PICKUP';
  stageDeadline?: Date;
  slaBreached = false;
  readonly timeline: TimelineEntry[] = [];
  private sequence = 0;

  constructor(private readonly input: RenewalInput) {}

  async enter(stage: RenewalStage, options: { deadline?: Date; note?: string } = {}): Promise<void> {
    this.stage = stage;
    this.stageDeadline = options.deadline;
    const at = new Date().toISOString();
    this.timeline.push({ stage, at, ...(options.note ? { note: options.note } : {}) });
    this.sequence += 1;
    this.pushSearchAttributes();
    await projection.recordStageChange({
      renewalId: this.input.renewalId,
      sequence: this.sequence,
      stage,
      at,
      nationalId: this.input.nationalId,
      officeId: this.input.officeId,
      deliveryMethod: this.deliveryMethod,
      stageDeadline: options.deadline?.toISOString(),
      note: options.note,
    });
  }

  private pushSearchAttributes(): void {
    upsertSearchAttributes([
      { key: RenewalStageKey, value: this.stage },
      { key: DeliveryMethodKey, value: this.deliveryMethod },
      { key: OfficeIdKey, value: this.input.officeId },
      { key: StageDeadlineKey, value: this.stageDeadline ?? null },
      { key: SlaBreachedKey, value: this.slaBreached },
    ]);
  }
}
