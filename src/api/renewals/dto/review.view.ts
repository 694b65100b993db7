import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type Fees, STANDARD_PLEDGE_IDS, VALIDITY_YEARS, type ValidityYears } from '../../../../workflows/contract';

export class PassportOnFileView {
  @ApiProperty({ example: 'N1234567' })
  passportNumber: string;

  @ApiProperty({ example: 'VALID' })
  status: string;

  @ApiProperty({ format: 'date', example: '2026-12-20' })
  expiresOn: string;
}

export class FeesView implements Fees {
  @ApiProperty({ example: 300 })
  fiveYearsSar: number;

  @ApiProperty({ example: 600 })
  tenYearsSar: number;

  @ApiProperty({ example: 35, description: 'Added for home delivery' })
  postageSar: number;
}

/** The data on file the citizen reviews before accepting, and what acceptance requires. */
export class ReviewView {
  @ApiProperty({ format: 'uuid' })
  renewalId: string;

  @ApiProperty({ example: 'photos/1f0e2d.jpg', description: 'Reference of the photo on file' })
  photoRef: string;

  @ApiProperty({ example: 'محمد عبدالله العتيبي' })
  nameAr: string;

  @ApiProperty({ example: 'MOHAMMED ABDULLAH ALOTAIBI', description: 'As it will be printed' })
  nameEn: string;

  @ApiProperty({ format: 'date', example: '1985-03-14' })
  dateOfBirth: string;

  @ApiProperty({ example: '+966501234567' })
  mobile: string;

  @ApiPropertyOptional({ type: PassportOnFileView, description: 'The passport being renewed' })
  passport?: PassportOnFileView;

  @ApiProperty({ example: STANDARD_PLEDGE_IDS })
  requiredPledgeIds: string[];

  @ApiProperty({
    enum: VALIDITY_YEARS,
    isArray: true,
    example: VALIDITY_YEARS,
    description: 'The passport validities (years) the citizen may choose: only 5 under the minimum age for 10',
  })
  validityYearsAllowed: ValidityYears[];

  @ApiProperty({ type: FeesView })
  fees: FeesView;
}
