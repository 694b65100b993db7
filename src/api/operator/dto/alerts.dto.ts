import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { IsDateTime } from '../../shared/validation/is-date-time.decorator';
import { PageQuery } from './page-query.dto';

const ALERT_KIND = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Filters over operator alerts; every one is optional and they combine with AND. */
export class AlertsQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'PAYMENT_AMOUNT_MISMATCH',
    pattern: ALERT_KIND.source,
    description:
      'e.g. PAYMENT_AMOUNT_MISMATCH, PAYMENT_FOR_ANOTHER_BILL, PAYMENT_FOR_CLOSED_RENEWAL, DELIVERED_AFTER_LOSS, ' +
      'DELIVERY_SLA_BREACHED; a stage past its deadline: <STEP>_OVERDUE (PRINT_OVERDUE, DISPATCH_OVERDUE, …); ' +
      'at its hard limit: RENEWAL_FAILED, DISPATCH_TIMED_OUT, ADDRESS_CHECK_TIMED_OUT, ' +
      'LOSS_CLAIM_HANDED_TO_OPERATOR, ACTIVATION_HANDED_TO_OPERATOR, COMPENSATION_HANDED_TO_OPERATOR ' +
      '(docs/architecture.md, "Every stage on its own clock")',
  })
  @IsOptional()
  @Matches(ALERT_KIND, { message: 'kind must be 2 to 64 capital letters, digits or underscores' })
  kind?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'renewalId must be a UUID' })
  renewalId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Raised at or after this time' })
  @IsOptional()
  @IsDateTime()
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Raised before this time' })
  @IsOptional()
  @IsDateTime()
  until?: string;
}

export class AlertView {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ format: 'uuid' })
  renewalId: string;

  @ApiProperty({ example: 'PAYMENT_AMOUNT_MISMATCH' })
  kind: string;

  @ApiProperty({
    example: 'service:sadad',
    description: '`workflow` (the renewal noticed), or `service:<partner>` (a partner message revealed it)',
  })
  raisedBy: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { paymentId: 'PAY-20261128-000123', billNumber: '900000012345', paidSar: 300, billedSar: 635 },
  })
  details: Record<string, unknown>;
}

export class AlertPageView {
  @ApiProperty({ type: [AlertView] })
  items: AlertView[];

  @ApiProperty({ example: 3, description: 'Matching alerts in all pages' })
  total: number;

  @ApiProperty({ example: 50 })
  limit: number;

  @ApiProperty({ example: 0 })
  offset: number;
}
