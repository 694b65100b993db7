import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsDateTime } from '../../shared/validation/is-date-time.decorator';

const ACTOR = /^[a-z]+:[A-Za-z0-9._:@-]{1,128}$/;
const ENTRY_ID = /^[1-9]\d{0,17}$/;

/** One page of the decode log, newest first: at most `limit` entries, older than `before` when given. */
export class DecodeLogQuery {
  @ApiPropertyOptional({ example: 'operator:ops-1', pattern: ACTOR.source, description: 'Only this person' })
  @IsOptional()
  @Matches(ACTOR, { message: 'actor must be <role>:<id>, e.g. operator:ops-1' })
  actor?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Decoded at or after this time' })
  @IsOptional()
  @IsDateTime()
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Decoded before this time' })
  @IsOptional()
  @IsDateTime()
  until?: string;

  @ApiPropertyOptional({ pattern: ENTRY_ID.source, description: "The previous page's `next`: entries older than it" })
  @IsOptional()
  @Matches(ENTRY_ID, { message: 'before must be the `next` of a previous page' })
  before?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class DecodeLogEntryView {
  @ApiProperty({ example: '42' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'operator:ops-1', description: 'Who decoded: `<role>:<id>`' })
  actor: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'default',
    description: 'The namespace the Temporal UI named; the CLI names none, and no client names the workflow',
  })
  namespace: string | null;

  @ApiProperty({ example: 3, description: 'How many payloads were decoded' })
  payloads: number;

  @ApiProperty({ type: 'string', nullable: true, example: '10.0.4.17' })
  clientIp: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'Mozilla/5.0 (X11; Linux x86_64)' })
  userAgent: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'https://temporal.example.sa' })
  origin: string | null;
}

export class DecodeLogPageView {
  @ApiProperty({ type: [DecodeLogEntryView] })
  items: DecodeLogEntryView[];

  @ApiPropertyOptional({ example: '17', description: 'Pass as `before` for the next (older) page; absent on the last' })
  next?: string;
}
