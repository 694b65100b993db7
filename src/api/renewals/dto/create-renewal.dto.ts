import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OFFICE_ID_MESSAGE, OFFICE_ID_PATTERN } from '../../../../workflows/contract';

/** A citizen renews their own passport: the national ID comes from the token, never from the body. */
export class CreateRenewalDto {
  @ApiProperty({
    example: 'RUH-01',
    pattern: OFFICE_ID_PATTERN.source,
    description: 'Passport office that prints the passport (and hands it over)',
  })
  @Matches(OFFICE_ID_PATTERN, { message: `officeId ${OFFICE_ID_MESSAGE}` })
  officeId: string;
}
