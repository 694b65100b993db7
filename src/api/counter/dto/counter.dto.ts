import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsBoolean, Matches } from 'class-validator';
import { PASSPORT_NUMBER_ANY_CASE } from '../../../domain/passport-number';
import { IsNationalId, NATIONAL_ID_SHAPE } from '../../shared/validation/is-national-id.decorator';

/** The citizen at the counter, in the request body: a national ID in a URL ends up in every proxy's log. */
export class CounterLookupDto {
  @ApiProperty({
    example: '1058529940',
    pattern: NATIONAL_ID_SHAPE.source,
    description: 'National ID of the citizen at the counter (a citizen: first digit 1, valid check digit)',
  })
  @IsNationalId()
  nationalId: string;
}

/** The clerk is the token subject; the body holds only what the clerk saw. */
export class VerifyOldPassportDto {
  @ApiProperty({
    example: 'N1234567',
    pattern: PASSPORT_NUMBER_ANY_CASE.source,
    description: 'Number of the old passport the citizen presents',
  })
  @Matches(PASSPORT_NUMBER_ANY_CASE, { message: 'presentedPassportNumber must be 6 to 9 letters or digits' })
  presentedPassportNumber: string;

  @ApiProperty({ enum: [true], description: 'The clerk checked the holder against the photo on record' })
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
