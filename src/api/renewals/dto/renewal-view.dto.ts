import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  RENEWAL_STAGES,
  type RenewalStage,
} from '../../../../workflows/contract';
import { formatRenewalReference, RENEWAL_REFERENCE_SHAPE } from '../../../domain/renewal-reference';
import type { RenewalRecord } from '../../../persistence/entities/renewal.entity';

/** How the OpenAPI document describes a renewal's short reference wherever a view carries it. */
export const REFERENCE_PROPERTY = {
  example: 'PR-7K3M-9QX2',
  pattern: RENEWAL_REFERENCE_SHAPE.source,
  description:
    'The short reference a citizen reads over the phone: unique, eight symbols of Crockford base32 (no I, L, O, ' +
    'U), the last a check symbol that catches a mistyped one',
};

/** A renewal as the read model knows it. */
export class RenewalView {
  @ApiProperty({ format: 'uuid' })
  renewalId: string;

  @ApiProperty(REFERENCE_PROPERTY)
  reference: string;

  @ApiProperty({ enum: RENEWAL_STAGES })
  stage: RenewalStage;

  @ApiProperty({ enum: DELIVERY_METHODS })
  deliveryMethod: DeliveryMethod;

  @ApiProperty({ example: 'RUH-01' })
  officeId: string;

  // `string | null` reflects as Object: the type is spelled out.
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  stageDeadline: string | null;

  @ApiProperty()
  slaBreached: boolean;

  @ApiProperty({
    description:
      'The current stage is past its deadline: operators have been alerted and are on it (cleared when the stage changes)',
  })
  overdue: boolean;

  @ApiProperty({ format: 'date-time' })
  stageEnteredAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  static from(record: RenewalRecord): RenewalView {
    return {
      renewalId: record.renewalId,
      reference: formatRenewalReference(record.referenceNumber),
      stage: record.stage,
      deliveryMethod: record.deliveryMethod,
      officeId: record.officeId,
      stageDeadline: record.stageDeadline?.toISOString() ?? null,
      slaBreached: record.slaBreached,
      overdue: record.overdue,
      stageEnteredAt: record.stageEnteredAt.toISOString(),
      createdAt: record.createdAt.toISOString(),
    };
  }
}
