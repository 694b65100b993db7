import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import {
  type DeliveryMethod,
  OFFICE_ID_MESSAGE,
  OFFICE_ID_PATTERN,
  RENEWAL_STAGES,
  type RenewalStage,
} from '../../../../workflows/contract';
import { isoDurationMs } from '../../common/iso-duration';
import { PageQuery } from './page-query.dto';

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters over the read model; every one is optional and they combine with AND. */
export class OperatorRenewalsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RENEWAL_STAGES, example: 'IN_TRANSIT' })
  @IsOptional()
  @IsIn(RENEWAL_STAGES, { message: `stage must be one of ${RENEWAL_STAGES.join(', ')}` })
  stage?: RenewalStage;

  @ApiPropertyOptional({ example: 'RUH-01' })
  @IsOptional()
  @Matches(OFFICE_ID_PATTERN, { message: `officeId ${OFFICE_ID_MESSAGE}` })
  officeId?: string;

  @ApiPropertyOptional({ enum: ['PICKUP', 'POST'] })
  @IsOptional()
  @IsIn(['PICKUP', 'POST'], { message: 'deliveryMethod must be PICKUP or POST' })
  deliveryMethod?: DeliveryMethod;

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'Only renewals that missed the delivery SLA' })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'slaBreached must be true or false' })
  slaBreached?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: 'Only unfinished renewals whose stage deadline has passed (from the read model)',
  })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'pastDeadline must be true or false' })
  pastDeadline?: boolean;

  @ApiPropertyOptional({
    example: 'PT48H',
    description: 'Only unfinished renewals that entered their current stage longer ago than this ISO 8601 duration',
  })
  @IsOptional()
  @ValidateBy({
    name: 'isIsoDuration',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && (isoDurationMs(value) ?? 0) > 0,
      defaultMessage: () => 'stuckFor must be an ISO 8601 duration in days, hours, minutes or seconds, e.g. PT48H',
    },
  })
  stuckFor?: string;
}

export class OverdueQuery {
  @ApiPropertyOptional({ enum: RENEWAL_STAGES, default: 'IN_TRANSIT' })
  @IsOptional()
  @IsIn(RENEWAL_STAGES, { message: `stage must be one of ${RENEWAL_STAGES.join(', ')}` })
  stage?: RenewalStage;
}
