import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsPositive, IsString, Length, Matches, ValidateBy, ValidateIf } from 'class-validator';
import {
  CARRIER_EVENT_TYPES,
  type CarrierEventType,
  DELIVERY_PROOFS,
  type DeliveryProof,
  PRINT_CENTRE_EVENT_TYPES,
  type PrintCentreEventType,
} from '../../../../workflows/contract';
import { PASSPORT_NUMBER_CANONICAL } from '../../../domain/passport-number';
import { BEYOND_SCHEMA, RequiredWhen } from '../../shared/validation/beyond-schema';
import { IsDate, IsDateTime } from '../../shared/validation/is-date-time.decorator';
import { IsNationalId, NATIONAL_ID_SHAPE } from '../../shared/validation/is-national-id.decorator';

/** At most two decimal places (halalas): the schema cannot say so for a JSON number, so breaking it is a 422. */
const HasAtMostTwoDecimals = () =>
  ValidateBy(
    {
      name: 'hasAtMostTwoDecimals',
      validator: {
        // As the number reads back (`635.1`, not `1e-7`): class-validator's own maxDecimalPlaces throws on exponents.
        validate: (value: unknown) =>
          typeof value !== 'number' || Number.isInteger(value) || /^-?\d+\.\d{1,2}$/.test(String(value)),
        defaultMessage: (args) => `${args?.property} must have at most two decimal places`,
      },
    },
    BEYOND_SCHEMA,
  );

/** SADAD: a bill was paid. */
export class SadadPaymentDto {
  @ApiProperty({ example: 'PAY-20261128-000123', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  paymentId: string;

  @ApiProperty({ example: '9000000123', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  billNumber: string;

  @ApiProperty({
    example: '3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f/fee',
    minLength: 1,
    maxLength: 200,
    description: 'Our bill key, given when issuing',
  })
  @IsString()
  @Length(1, 200)
  billReference: string;

  @ApiProperty({ example: 635, minimum: 0, exclusiveMinimum: true, description: 'At most two decimal places' })
  @IsNumber()
  @IsPositive()
  @HasAtMostTwoDecimals()
  amountSar: number;

  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  paidAt: string;
}

/** Wasel: a citizen subscribed (registered a national address). */
export class WaselSubscriptionDto {
  @ApiProperty({ example: 'wasel-evt-000042', minLength: 1, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  eventId: string;

  @ApiProperty({ example: '1058529940', pattern: NATIONAL_ID_SHAPE.source })
  @IsNationalId()
  nationalId: string;

  @ApiProperty({ format: 'date-time' })
  @IsDateTime()
  subscribedAt: string;
}

const jobCompleted = (event: PrintCentreEventDto) => event.type === 'JOB_COMPLETED';

/** Print centre: a print job finished, or failed. */
export class PrintCentreEventDto {
  @ApiProperty({ example: 'print-evt-000042', minLength: 1, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  eventId: string;

  @ApiProperty({ enum: PRINT_CENTRE_EVENT_TYPES })
  @IsIn(PRINT_CENTRE_EVENT_TYPES, { message: `type must be ${PRINT_CENTRE_EVENT_TYPES.join(' or ')}` })
  type: PrintCentreEventType;

  @ApiProperty({ example: '3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f/issue-1/print-1', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  jobKey: string;

  @ApiPropertyOptional({
    example: 'X10000001',
    pattern: PASSPORT_NUMBER_CANONICAL.source,
    description: 'JOB_COMPLETED: required',
  })
  @RequiredWhen(jobCompleted, 'passportNumber is required for JOB_COMPLETED')
  @Matches(PASSPORT_NUMBER_CANONICAL, { message: 'passportNumber must be 6 to 9 capital letters or digits' })
  passportNumber?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-28', description: 'JOB_COMPLETED: required' })
  @RequiredWhen(jobCompleted, 'issuedOn is required for JOB_COMPLETED')
  @IsDate()
  issuedOn?: string;

  @ApiPropertyOptional({ format: 'date', example: '2036-11-27', description: 'JOB_COMPLETED: required' })
  @RequiredWhen(jobCompleted, 'expiresOn is required for JOB_COMPLETED')
  @IsDate()
  expiresOn?: string;

  @ApiPropertyOptional({ example: 'PRINTER_JAM', minLength: 1, maxLength: 500, description: 'JOB_FAILED: required' })
  @RequiredWhen((event: PrintCentreEventDto) => event.type === 'JOB_FAILED', 'reason is required for JOB_FAILED')
  @IsString()
  @Length(1, 500)
  reason?: string;
}

/** Saudi Post: a tracking event of a shipment. */
export class SaudiPostEventDto {
  @ApiProperty({ example: 'sp-evt-000042', minLength: 1, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  eventId: string;

  @ApiProperty({ example: 'SP123456789SA', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  trackingNumber: string;

  @ApiPropertyOptional({
    example: '3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f/issue-1/shipment',
    minLength: 1,
    maxLength: 200,
    description:
      'Our shipment key, echoed from the shipment request: places the event before we know the tracking number',
  })
  // Absent, not null: null is not a string the schema allows.
  @ValidateIf((event: SaudiPostEventDto) => event.shipmentKey !== undefined)
  @IsString()
  @Length(1, 200)
  shipmentKey?: string;

  @ApiPropertyOptional({
    example: 'PE3F2A7C1E9B4D4C0A8E5F6A7B8C9D0E1F01',
    minLength: 1,
    maxLength: 64,
    description: 'The envelope barcode, echoed from the shipment request',
  })
  @ValidateIf((event: SaudiPostEventDto) => event.envelopeBarcode !== undefined)
  @IsString()
  @Length(1, 64)
  envelopeBarcode?: string;

  @ApiProperty({ enum: CARRIER_EVENT_TYPES })
  @IsIn(CARRIER_EVENT_TYPES, { message: `type must be one of ${CARRIER_EVENT_TYPES.join(', ')}` })
  type: CarrierEventType;

  @ApiProperty({ format: 'date-time', description: 'When it happened; events may arrive out of order' })
  @IsDateTime()
  occurredAt: string;

  @ApiPropertyOptional({ enum: DELIVERY_PROOFS, description: 'DELIVERED: required; how the recipient was confirmed' })
  @RequiredWhen((event: SaudiPostEventDto) => event.type === 'DELIVERED', 'proof is required for DELIVERED')
  @IsIn(DELIVERY_PROOFS, { message: `proof must be ${DELIVERY_PROOFS.join(' or ')} (required for DELIVERED)` })
  proof?: DeliveryProof;

  @ApiPropertyOptional({
    example: 'RECIPIENT_ABSENT',
    minLength: 1,
    maxLength: 500,
    description: 'DELIVERY_ATTEMPTED and RETURNED: why',
  })
  @ValidateIf((event: SaudiPostEventDto) => event.reason !== undefined)
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class WebhookAckView {
  @ApiProperty({ example: true })
  received: boolean;

  @ApiProperty({ example: false, description: 'True when this webhook-id was already processed: nothing was done' })
  duplicate: boolean;

  @ApiPropertyOptional({
    example: 'SIGNALLED',
    description:
      'SIGNALLED, RENEWAL_CLOSED (too late to matter), NO_RENEWAL_AWAITING_ADDRESS, or LOSS_CLAIM_DISPUTED ' +
      '(a delivery reported after the loss: the claim is disputed and operators alerted)',
  })
  outcome?: string;
}
