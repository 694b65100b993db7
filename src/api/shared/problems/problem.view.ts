import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorView {
  @ApiProperty({ example: 'officeId', description: 'The field (or header) at fault; nested fields are dotted' })
  field: string;

  @ApiProperty({ example: 'officeId must look like RUH-01 (city code, dash, two digits)' })
  message: string;
}

/** RFC 9457 problem details, as every error leaves the API. */
export class ProblemView {
  @ApiProperty({
    example: 'urn:passport-renewal:problem:validation-error',
    description: 'Stable identifier of the kind of problem; switch on this, not on `title`',
  })
  type: string;

  @ApiProperty({ example: 'The request is not valid' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'officeId: officeId must look like RUH-01 (city code, dash, two digits)' })
  detail?: string;

  @ApiPropertyOptional({ example: '/v1/renewals' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorView], description: 'For validation problems: every field at fault' })
  errors?: FieldErrorView[];

  @ApiPropertyOptional({
    example: 'MissingPledges',
    description: 'For `update-rejected`: the machine-readable reason the renewal refused the action',
  })
  reason?: string;
}
