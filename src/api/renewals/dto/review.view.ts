import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PassportOnFileView {
  @ApiProperty({ example: 'N1234567' })
  passportNumber: string;

  @ApiProperty({ example: 'VALID' })
  status: string;

  @ApiProperty({ format: 'date', example: '2026-12-20' })
  expiresOn: string;
}

export class FeesView {
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

  @ApiProperty({ example: ['DATA_ACCURACY', 'OLD_PASSPORT_SURRENDER', 'LOSS_REPORTING'] })
  requiredPledgeIds: string[];

  @ApiProperty({
    enum: [5, 10],
    isArray: true,
    example: [5, 10],
    description: 'The passport validities (years) the citizen may choose: only 5 under the minimum age for 10',
  })
  validityYearsAllowed: Array<5 | 10>;

  @ApiProperty({ type: FeesView })
  fees: FeesView;
}
