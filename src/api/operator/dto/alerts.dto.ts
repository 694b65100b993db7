import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CountedPageView } from '../../shared/paging/counted-page.view';
import { CursorQueryParam, LimitQuery } from '../../shared/paging/page-query.dto';
import { IsDateTime } from '../../shared/validation/is-date-time.decorator';

const ALERT_KIND = /^[A-Z][A-Z0-9_]{1,63}$/;

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters over operator alerts; every one is optional and they combine with AND. */
export class AlertsQuery extends LimitQuery {
  @CursorQueryParam('alerts')
  cursor?: string;

  @ApiPropertyOptional({
    example: 'PAYMENT_AMOUNT_MISMATCH',
    pattern: ALERT_KIND.source,
    description:
      'e.g. PAYMENT_AMOUNT_MISMATCH, PAYMENT_FOR_ANOTHER_BILL, PAYMENT_FOR_CLOSED_RENEWAL, DELIVERED_AFTER_LOSS, ' +
      'DELIVERY_SLA_BREACHED, COUNTER_MISMATCHES; a stage past its deadline: <STEP>_OVERDUE (PRINT_OVERDUE, DISPATCH_OVERDUE, …); ' +
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

  @ApiPropertyOptional({
    type: Boolean,
    example: false,
    description: 'Only alerts acknowledged (`true`) or not yet (`false`)',
  })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'acknowledged must be true or false' })
  acknowledged?: boolean;
}

/** The `:alertId` path parameter: an alert's id as the list gives it. */
export const ALERT_ID = /^[1-9][0-9]{0,17}$/;

export class AcknowledgementView {
  @ApiProperty({ example: 'operator:ops-1', description: 'Who acknowledged it' })
  by: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'Refund requested from SADAD, ticket 4471' })
  note: string;
}

export class AlertView {
  @ApiProperty({ example: '734113', pattern: ALERT_ID.source, description: "The alert's id (acknowledge it by it)" })
  alertId: string;

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

  @ApiPropertyOptional({ type: AcknowledgementView, description: 'Absent until an operator acknowledges it' })
  acknowledgement?: AcknowledgementView;
}

export class AlertPageView extends CountedPageView {
  @ApiProperty({ type: [AlertView], description: 'Newest first' })
  items: AlertView[];
}

/** An operator saying they have seen an alert, and what they did or will do about it. */
export class AcknowledgeAlertDto {
  @ApiProperty({
    example: 'Refund requested from SADAD, ticket 4471',
    minLength: 1,
    maxLength: 500,
    description: 'For colleagues: what was done or will be; never personal data',
  })
  @IsString()
  @Length(1, 500, { message: 'note must be 1 to 500 characters' })
  note: string;
}

export class AcknowledgementResultView {
  @ApiProperty({
    enum: ['ACKNOWLEDGED', 'ALREADY_ACKNOWLEDGED'],
    description: '`ALREADY_ACKNOWLEDGED`: someone had; their acknowledgement stands and nothing changed',
  })
  outcome: 'ACKNOWLEDGED' | 'ALREADY_ACKNOWLEDGED';

  @ApiProperty({ type: AlertView })
  alert: AlertView;
}
