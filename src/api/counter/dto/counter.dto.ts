import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsBoolean, IsNotEmpty, IsString, Matches } from 'class-validator';

export class VerifyOldPassportDto {
  @ApiProperty({ example: 'clerk-0042', description: 'The clerk at the counter' })
  @IsString()
  @IsNotEmpty()
  clerkId: string;

  @ApiProperty({ example: 'N1234567', description: 'Number of the old passport the citizen presents' })
  @Matches(/^[A-Za-z0-9]{6,9}$/, { message: 'presentedPassportNumber must be 6 to 9 letters or digits' })
  presentedPassportNumber: string;

  @ApiProperty({ example: true, description: 'The clerk checked the holder against the photo on record' })
  @IsBoolean()
  @Equals(true, { message: 'identityConfirmed must be true: check the holder before matching the passport' })
  identityConfirmed: boolean;
}

export class HandoverDto {
  @ApiProperty({ example: 'clerk-0042' })
  @IsString()
  @IsNotEmpty()
  clerkId: string;
}

export class VerificationResultView {
  @ApiProperty()
  matched: boolean;

  @ApiProperty({ description: 'Failed matches so far on this renewal' })
  mismatchesSoFar: number;
}

export class HandoverResultView {
  @ApiProperty({ example: 'X10000001' })
  newPassportNumber: string;
}
