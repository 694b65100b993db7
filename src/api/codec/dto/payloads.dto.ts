import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsObject, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Every value of the object is base64 (proto3 JSON of `map<string, bytes>`). */
const IsBase64Map = () =>
  ValidateBy({
    name: 'isBase64Map',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.values(value).every((item) => typeof item === 'string' && BASE64.test(item)),
      defaultMessage: () => 'metadata values must be base64 strings',
    },
  });

/** One Temporal payload in proto3 JSON: metadata values and data are base64. */
export class PayloadJson {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', format: 'byte' },
    example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==', 'encryption-key-id': 'MjAyNi1xMQ==' },
  })
  @IsObject()
  @IsBase64Map()
  metadata: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte', description: 'Absent for an empty payload' })
  // Absent, or base64: `null` is neither (IsOptional would let it through to the codec).
  @ValidateIf((_payload: PayloadJson, value: unknown) => value !== undefined)
  @IsBase64()
  data?: string;
}

/**
 * The Temporal remote codec's request and answer: `{"payloads": [...]}`. No payloads at all comes as `{}` (proto
 * JSON leaves an empty list out: the CLI sends it for an empty result or argument list), answered `{"payloads": []}`.
 */
export class PayloadsJson {
  @ApiPropertyOptional({ type: [PayloadJson], description: 'Absent when there are none' })
  // Absent, or a list: `null` is neither (IsOptional would let it through).
  @ValidateIf((_request: PayloadsJson, value: unknown) => value !== undefined)
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => PayloadJson)
  payloads?: PayloadJson[];
}
