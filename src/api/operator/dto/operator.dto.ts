import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  RENEWAL_STAGES,
  type RenewalStage,
} from '../../../../workflows/contract';
import { RenewalView } from '../../renewals/dto/renewal-view.dto';
import { CountedPageView } from '../../shared/paging/counted-page.view';

export class LossDeclarationDto {
  @ApiProperty({
    example: 'Carrier confirmed by phone that the envelope was lost in a depot fire',
    minLength: 1,
    maxLength: 500,
  })
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  reason: string;
}

export class OperatorCancellationDto {
  @ApiProperty({ example: 'Duplicate renewal opened in error', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  reason: string;
}

export class RenewalPageView extends CountedPageView {
  @ApiProperty({ type: [RenewalView], description: 'Newest first' })
  items: RenewalView[];
}

export class AuditEventView {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({
    example: 'clerk:clerk-7',
    description: 'A citizen appears by a keyed pseudonym, never by national ID',
  })
  actor: string;

  @ApiProperty({ example: 'counter.verification' })
  action: string;

  @ApiProperty({ example: 'MATCHED' })
  outcome: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { mismatchesSoFar: 0 } })
  details: Record<string, unknown>;
}

export class AuditTrailPageView {
  @ApiProperty({ type: [AuditEventView], description: 'Oldest first' })
  items: AuditEventView[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;

  @ApiProperty({ example: 200 })
  limit: number;
}

export class LossDeclarationResultView {
  @ApiProperty({ example: true, description: 'Signalled: the renewal opens a loss claim and reissues' })
  accepted: boolean;
}

/** A renewal as Temporal's visibility store sees it (search attributes only; no personal data). */
export class OverdueRenewalView {
  @ApiProperty({ format: 'uuid' })
  renewalId: string;

  @ApiProperty({ enum: RENEWAL_STAGES })
  stage: RenewalStage;

  @ApiPropertyOptional({ enum: DELIVERY_METHODS })
  deliveryMethod?: DeliveryMethod;

  @ApiPropertyOptional({ example: 'RUH-01' })
  officeId?: string;

  @ApiProperty({ format: 'date-time' })
  stageDeadline: string;

  @ApiProperty()
  slaBreached: boolean;

  @ApiProperty({ description: 'The `Overdue` search attribute: past its deadline, operators alerted' })
  overdue: boolean;
}
