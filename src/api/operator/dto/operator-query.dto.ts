import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  OFFICE_ID_MESSAGE,
  OFFICE_ID_PATTERN,
  RENEWAL_STAGES,
  type RenewalStage,
} from '../../../../workflows/contract';
import { BEYOND_SCHEMA, RequiredWhen } from '../../shared/validation/beyond-schema';
import { IsNationalId } from '../../shared/validation/is-national-id.decorator';
import { IsRenewalReference } from '../../shared/validation/is-renewal-reference.decorator';
import { ISO_DURATION, isoDurationMs } from '../../shared/validation/iso-duration';
import { CursorQueryParam, LimitQuery } from '../../shared/paging/page-query.dto';
import { RENEWAL_REFERENCE_SHAPE } from '../../../domain/renewal-reference';

/** Longer than any renewal lives, and still a time PostgreSQL can compare with. */
const STUCK_FOR_MAX_MS = 3650 * 24 * 3600 * 1000;

const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Filters over the read model; every one is optional and they combine with AND. */
export class OperatorRenewalsQuery extends LimitQuery {
  @CursorQueryParam('renewals')
  cursor?: string;

  @ApiPropertyOptional({ enum: RENEWAL_STAGES, example: 'IN_TRANSIT' })
  @IsOptional()
  @IsIn(RENEWAL_STAGES, { message: `stage must be one of ${RENEWAL_STAGES.join(', ')}` })
  stage?: RenewalStage;

  @ApiPropertyOptional({ example: 'RUH-01', pattern: OFFICE_ID_PATTERN.source })
  @IsOptional()
  @Matches(OFFICE_ID_PATTERN, { message: `officeId ${OFFICE_ID_MESSAGE}` })
  officeId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_METHODS })
  @IsOptional()
  @IsIn(DELIVERY_METHODS, { message: `deliveryMethod must be ${DELIVERY_METHODS.join(' or ')}` })
  deliveryMethod?: DeliveryMethod;

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'Only renewals that missed the delivery SLA' })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'slaBreached must be true or false' })
  slaBreached?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: 'Only renewals whose current stage is overdue: past its deadline, operators alerted',
  })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

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
    pattern: ISO_DURATION.source,
    description:
      'Only unfinished renewals that entered their current stage longer ago than this ISO 8601 duration ' +
      '(days, hours, minutes, seconds; longer than zero, at most ten years)',
  })
  @IsOptional()
  @Matches(ISO_DURATION, {
    message: 'stuckFor must be an ISO 8601 duration in days, hours, minutes or seconds, e.g. PT48H',
  })
  @ValidateBy(
    {
      name: 'isWithinTenYears',
      validator: {
        // A value of the wrong shape is the pattern's to report.
        validate: (value: unknown) => {
          const ms = typeof value === 'string' ? isoDurationMs(value) : undefined;
          return ms === undefined || (ms > 0 && ms <= STUCK_FOR_MAX_MS);
        },
        defaultMessage: () => 'stuckFor must be longer than zero and at most ten years (P3650D)',
      },
    },
    BEYOND_SCHEMA,
  )
  stuckFor?: string;
}

export class OverdueQuery {
  @ApiPropertyOptional({ enum: RENEWAL_STAGES, default: 'IN_TRANSIT' })
  @IsOptional()
  @IsIn(RENEWAL_STAGES, { message: `stage must be one of ${RENEWAL_STAGES.join(', ')}` })
  stage?: RenewalStage;
}

/** The renewal's audit trail, oldest first, a page at a time. */
export class AuditTrailQuery extends LimitQuery {
  @CursorQueryParam('auditTrail')
  cursor?: string;
}

/**
 * What an operator searches by: the short reference a citizen reads out, or the citizen's national ID (in the
 * body, never in the URL, where proxies and access logs keep it). Exactly one of the two.
 */
export class RenewalSearchDto {
  @ApiPropertyOptional({
    example: 'PR-7K3M-9QX2',
    pattern: RENEWAL_REFERENCE_SHAPE.source,
    description: "The renewal's short reference",
  })
  // The schema cannot say "exactly one of": missing both, or giving both, is a 422 naming the field.
  @RequiredWhen<RenewalSearchDto>(
    (search) => search.nationalId === undefined,
    'reference is required when no nationalId is given: search by one of them',
  )
  @IsRenewalReference()
  reference?: string;

  @ApiPropertyOptional({
    example: '1058529940',
    description: "The citizen's national ID (a citizen: first digit 1, valid check digit)",
  })
  @IsOptional()
  @IsNationalId()
  @ValidateBy(
    {
      name: 'notWithReference',
      validator: {
        validate: (_value: unknown, args) => (args?.object as RenewalSearchDto).reference === undefined,
        defaultMessage: () => 'nationalId cannot be given with reference: search by one of them',
      },
    },
    BEYOND_SCHEMA,
  )
  nationalId?: string;
}
