import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { RequiredWhen } from '../../shared/validation/beyond-schema';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmptyObject, Matches, ValidateNested } from 'class-validator';
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  OFFICE_ID_MESSAGE,
  OFFICE_ID_PATTERN,
  STANDARD_PLEDGE_IDS,
  VALIDITY_YEARS,
  type ValidityYears,
} from '../../../../workflows/contract';

const PLEDGE_ID = /^[A-Z_]{1,64}$/;

export class DeliveryChoiceDto {
  @ApiProperty({
    enum: DELIVERY_METHODS,
    example: 'POST',
    description: 'Counter pickup, or home delivery by Saudi Post',
  })
  @IsIn(DELIVERY_METHODS, { message: `delivery.method must be ${DELIVERY_METHODS.join(' or ')}` })
  method: DeliveryMethod;

  @ApiPropertyOptional({
    example: 'RUH-01',
    pattern: OFFICE_ID_PATTERN.source,
    description: 'Required for PICKUP: the office to collect the passport from',
  })
  @RequiredWhen((choice: DeliveryChoiceDto) => choice.method === 'PICKUP', 'delivery.officeId is required for PICKUP')
  @Matches(OFFICE_ID_PATTERN, { message: `delivery.officeId ${OFFICE_ID_MESSAGE}` })
  officeId?: string;
}

/** The citizen's online acceptance, after reviewing the data on file. */
export class AcceptanceDto {
  @ApiProperty({ example: true, description: 'The citizen saw the photo on file and confirms it' })
  @IsBoolean()
  photoConfirmed: boolean;

  @ApiProperty({ example: true, description: 'The citizen confirms the name as written in English' })
  @IsBoolean()
  englishNameConfirmed: boolean;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: PLEDGE_ID.source },
    maxItems: 32,
    example: STANDARD_PLEDGE_IDS,
    description: 'Every pledge the citizen accepts; all of `requiredPledgeIds` from the review must be here',
  })
  @IsArray()
  @ArrayMaxSize(32)
  @Matches(PLEDGE_ID, { each: true, message: 'acceptedPledgeIds must hold pledge ids such as DATA_ACCURACY' })
  acceptedPledgeIds: string[];

  @ApiProperty({ enum: VALIDITY_YEARS, example: 10, description: 'Under 21, only 5 years' })
  @IsIn(VALIDITY_YEARS, { message: `validityYears must be ${VALIDITY_YEARS.join(' or ')}` })
  validityYears: ValidityYears;

  @ApiProperty({ type: DeliveryChoiceDto })
  @IsNotEmptyObject({}, { message: 'delivery must be an object with a method' })
  @ValidateNested()
  @Type(() => DeliveryChoiceDto)
  delivery: DeliveryChoiceDto;
}

export class AcceptanceResultView {
  @ApiProperty({ example: 600 })
  feeSar: number;

  @ApiProperty({ example: 35, description: '0 for pickup' })
  postageSar: number;

  @ApiProperty({ example: 635, description: 'The amount of the SADAD bill that will be issued' })
  totalSar: number;
}
