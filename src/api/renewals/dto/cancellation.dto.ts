import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CancellationDto {
  @ApiProperty({
    example: 'Travel plans changed',
    minLength: 1,
    maxLength: 500,
    description: 'Why; kept with the renewal',
  })
  @IsString()
  @Length(1, 500, { message: 'reason must be 1 to 500 characters' })
  reason: string;
}

export class CancellationResultView {
  @ApiProperty({ enum: ['CANCELLED'] })
  stage: 'CANCELLED';

  @ApiProperty({
    example: ['BILL_CANCELLED'],
    description: 'What was undone: PRINT_JOB_CANCELLED, PASSPORT_VOIDED, SHIPMENT_RECALLED, PAYMENT_REFUNDED, ...',
  })
  compensations: string[];
}
