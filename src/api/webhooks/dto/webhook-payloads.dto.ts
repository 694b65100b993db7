import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import {
  CARRIER_EVENT_TYPES,
  type CarrierEventType,
  DELIVERY_PROOFS,
  type DeliveryProof,
} from '../../../../workflows/contract';
import { IsNationalId } from '../../common/is-national-id.decorator';

/** SADAD: a bill was paid. */
export class SadadPaymentDto {
  @ApiProperty({ example: 'PAY-20261128-000123' })
  @IsString()
  @Length(1, 64)
  paymentId: string;

  @ApiProperty({ example: '9000000123' })
  @IsString()
  @Length(1, 64)
  billNumber: string;

  @ApiProperty({ example: '3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f/fee', description: 'Our bill key, given when issuing' })
  @IsString()
  @Length(1, 200)
  billReference: string;

  @ApiProperty({ example: 635 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  amountSar: number;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  paidAt: string;
}

/** Wasel: a citizen subscribed (registered a national address). */
export class WaselSubscriptionDto {
  @ApiProperty({ example: 'wasel-evt-000042' })
  @IsString()
  @Length(1, 128)
  eventId: string;

  @ApiProperty({ example: '1058529940' })
  @IsNationalId()
  nationalId: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  subscribedAt: string;
}

/** Print centre: a print job finished, or failed. */
export class PrintCentreEventDto {
  @ApiProperty({ example: 'print-evt-000042' })
  @IsString()
  @Length(1, 128)
  eventId: string;

  @ApiProperty({ enum: ['JOB_COMPLETED', 'JOB_FAILED'] })
  @IsIn(['JOB_COMPLETED', 'JOB_FAILED'], { message: 'type must be JOB_COMPLETED or JOB_FAILED' })
  type: 'JOB_COMPLETED' | 'JOB_FAILED';

  @ApiProperty({ example: '3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f/issue-1/print-1' })
  @IsString()
  @Length(1, 200)
  jobKey: string;

  @ApiPropertyOptional({ example: 'X10000001', description: 'JOB_COMPLETED only' })
  @ValidateIf((event: PrintCentreEventDto) => event.type === 'JOB_COMPLETED')
  @Matches(/^[A-Z0-9]{6,9}$/, { message: 'passportNumber must be 6 to 9 capital letters or digits' })
  passportNumber?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-28', description: 'JOB_COMPLETED only' })
  @ValidateIf((event: PrintCentreEventDto) => event.type === 'JOB_COMPLETED')
  @IsISO8601({ strict: true })
  issuedOn?: string;

  @ApiPropertyOptional({ format: 'date', example: '2036-11-27', description: 'JOB_COMPLETED only' })
  @ValidateIf((event: PrintCentreEventDto) => event.type === 'JOB_COMPLETED')
  @IsISO8601({ strict: true })
  expiresOn?: string;

  @ApiPropertyOptional({ example: 'PRINTER_JAM', description: 'JOB_FAILED only' })
  @ValidateIf((event: PrintCentreEventDto) => event.type === 'JOB_FAILED')
  @IsString()
  @Length(1, 500)
  reason?: string;
}

/** Saudi Post: a tracking event of a shipment. */
export class SaudiPostEventDto {
  @ApiProperty({ example: 'sp-evt-000042' })
  @IsString()
  @Length(1, 128)
  eventId: string;

  @ApiProperty({ example: 'SP123456789SA' })
  @IsString()
  @Length(1, 64)
  trackingNumber: string;

  @ApiPropertyOptional({
    example: '3f2a7c1e-9b4d-4c0a-8e5f-6a7b8c9d0e1f/issue-1/shipment',
    description:
      'Our shipment key, echoed from the shipment request: places the event before we know the tracking number',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  shipmentKey?: string;

  @ApiPropertyOptional({
    example: 'PE3F2A7C1E9B4D4C0A8E5F6A7B8C9D0E1F01',
    description: 'The envelope barcode, echoed from the shipment request',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  envelopeBarcode?: string;

  @ApiProperty({ enum: CARRIER_EVENT_TYPES })
  @IsIn(CARRIER_EVENT_TYPES, { message: `type must be one of ${CARRIER_EVENT_TYPES.join(', ')}` })
  type: CarrierEventType;

  @ApiProperty({ format: 'date-time', description: 'When it happened; events may arrive out of order' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional({ enum: ['OTP', 'ID_CHECK'], description: 'DELIVERED only: how the recipient was confirmed' })
  @ValidateIf((event: SaudiPostEventDto) => event.type === 'DELIVERED' || event.proof !== undefined)
  @IsIn(DELIVERY_PROOFS, { message: 'proof must be OTP or ID_CHECK (required for DELIVERED)' })
  proof?: DeliveryProof;

  @ApiPropertyOptional({ example: 'RECIPIENT_ABSENT', description: 'DELIVERY_ATTEMPTED and RETURNED: why' })
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
