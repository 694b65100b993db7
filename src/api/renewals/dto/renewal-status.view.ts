import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  RENEWAL_STAGES,
  type RenewalStage,
  type RenewalStatus,
  type TimelineEntry,
  VALIDITY_YEARS,
  type ValidityYears,
} from '../../../../workflows/contract';
import { formatRenewalReference } from '../../../domain/renewal-reference';
import type { RenewalRecord } from '../../../persistence/entities/renewal.entity';
import { REFERENCE_PROPERTY } from './renewal-view.dto';

export class TimelineEntryView {
  @ApiProperty({ enum: RENEWAL_STAGES, example: 'AWAITING_PAYMENT' })
  stage: RenewalStage;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiPropertyOptional({ example: 'print attempt 2' })
  note?: string;
}

export class TrackingView {
  @ApiProperty({ example: 'SP123456789SA' })
  trackingNumber: string;

  @ApiProperty({ example: 'PE3F2A7C1E9B4D4C0A8E5F6A7B8C9D0E1F01', description: 'Carries no personal data' })
  envelopeBarcode: string;

  @ApiPropertyOptional({ example: 'IN_TRANSIT' })
  lastEvent?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  lastEventAt?: string;

  @ApiProperty({ example: 0 })
  deliveryAttempts: number;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the carrier accepted the envelope' })
  acceptedAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Delivery promised by (24 h from acceptance)' })
  slaDeadline?: string;
}

/**
 * Where the renewal stands: from the read model, which every change of the
 * renewal writes (timeline from the audit trail); the workflow's `status` query
 * gives the same, and still answers for renewals started before the read model
 * held the whole status.
 */
export class RenewalStatusView {
  @ApiProperty({ format: 'uuid' })
  renewalId: string;

  @ApiProperty(REFERENCE_PROPERTY)
  reference: string;

  @ApiProperty({ enum: RENEWAL_STAGES, example: 'AWAITING_PAYMENT' })
  stage: RenewalStage;

  @ApiProperty({ enum: DELIVERY_METHODS })
  deliveryMethod: DeliveryMethod;

  @ApiProperty({ example: 'RUH-01' })
  officeId: string;

  @ApiProperty({ example: 1, description: '1, then +1 for each replacement printed after a loss in transit' })
  issueNumber: number;

  @ApiPropertyOptional({ enum: VALIDITY_YEARS })
  validityYears?: ValidityYears;

  @ApiProperty({ type: [TimelineEntryView] })
  timeline: TimelineEntryView[];

  @ApiPropertyOptional({ format: 'date-time' })
  stageDeadline?: string;

  @ApiProperty()
  slaBreached: boolean;

  @ApiProperty({
    description:
      'The current stage is past its deadline: operators have been alerted and are on it (cleared when the stage changes)',
  })
  overdue: boolean;

  @ApiPropertyOptional({ type: TrackingView })
  tracking?: TrackingView;

  @ApiPropertyOptional({ example: 'CITIZEN_PAY_BILL', description: 'What must happen next, and by whom' })
  pendingAction?: string;

  @ApiPropertyOptional({
    example: 'BILL_EXPIRED',
    description: 'Why the renewal was rejected, cancelled, expired or failed',
  })
  outcomeReason?: string;

  @ApiProperty({ example: 0 })
  counterMismatches: number;

  @ApiPropertyOptional({ example: 635 })
  amountDueSar?: number;

  @ApiPropertyOptional({ example: '9000000123' })
  billNumber?: string;

  /** The read model's row and the timeline from the audit trail, as the workflow last wrote them. */
  static fromReadModel(record: RenewalRecord, timeline: TimelineEntry[]): RenewalStatusView {
    const optional = <T>(value: T | null) => value ?? undefined;
    return RenewalStatusView.from(formatRenewalReference(record.referenceNumber), {
      renewalId: record.renewalId,
      stage: record.stage,
      deliveryMethod: record.deliveryMethod,
      officeId: record.officeId,
      issueNumber: record.issueNumber,
      validityYears: optional(record.validityYears),
      timeline,
      stageDeadline: record.stageDeadline?.toISOString(),
      slaBreached: record.slaBreached,
      overdue: record.overdue,
      tracking: optional(record.tracking),
      pendingAction: optional(record.pendingAction),
      outcomeReason: optional(record.outcomeReason),
      counterMismatches: record.counterMismatches,
      amountDueSar: optional(record.amountDueSar),
      billNumber: optional(record.billNumber),
    });
  }

  static from(reference: string, status: RenewalStatus): RenewalStatusView {
    return {
      renewalId: status.renewalId,
      reference,
      stage: status.stage,
      deliveryMethod: status.deliveryMethod,
      officeId: status.officeId,
      issueNumber: status.issueNumber,
      validityYears: status.validityYears,
      timeline: status.timeline.map((entry) => ({ stage: entry.stage, at: entry.at, note: entry.note })),
      stageDeadline: status.stageDeadline,
      slaBreached: status.slaBreached,
      overdue: status.overdue,
      tracking: status.tracking && { ...status.tracking },
      pendingAction: status.pendingAction,
      outcomeReason: status.outcomeReason,
      counterMismatches: status.counterMismatches,
      amountDueSar: status.amountDueSar,
      billNumber: status.billNumber,
    };
  }
}
