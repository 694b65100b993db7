import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsBoolean, Matches } from 'class-validator';
import { IsNationalId } from '../../common/is-national-id.decorator';

export class CounterLookupQuery {
  @ApiProperty({ example: '1058529940', description: 'National ID of the citizen at the counter' })
  @IsNationalId()
  nationalId: string;
}

/** The clerk is the token subject; the body holds only what the clerk saw. */
export class VerifyOldPassportDto {
  @ApiProperty({ example: 'N1234567', description: 'Number of the old passport the citizen presents' })
  @Matches(/^[A-Za-z0-9]{6,9}$/, { message: 'presentedPassportNumber must be 6 to 9 letters or digits' })
  presentedPassportNumber: string;

  @ApiProperty({ example: true, description: 'The clerk checked the holder against the photo on record' })
  @IsBoolean()
  @Equals(true, { message: 'identityConfirmed must be true: check the holder before matching the passport' })
  identityConfirmed: boolean;
}

/** Nothing to say: the clerk is the token subject. Send `{}`. */
export class HandoverDto {}

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
