import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsNationalId } from '../../common/is-national-id.decorator';

export class CreateRenewalDto {
  @ApiProperty({
    example: '1058529940',
    description: 'Citizen national ID: 10 digits, starts with 1, Luhn check digit',
  })
  @IsNationalId()
  nationalId: string;

  @ApiProperty({ example: 'RUH-01', description: 'Passport office that prints the passport and hands it over' })
  @Matches(/^[A-Z]{3}-\d{2}$/, { message: 'officeId must look like RUH-01 (city code, dash, two digits)' })
  officeId: string;
}
