import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';
import { BEYOND_SCHEMA } from '../validation/beyond-schema';
import { CURSOR_SHAPE, type CursorList, decodeCursor } from './cursor';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** The page size of a list: at most 200. */
export class LimitQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

/**
 * The `cursor` of a keyset-paged list: absent for the first page, then the `nextCursor` of the page before. A
 * value of the wrong shape is a 400; one of the right shape this list never gave is a 422.
 */
export function CursorQueryParam(list: CursorList): PropertyDecorator {
  return (target, property) => {
    ApiPropertyOptional({
      pattern: CURSOR_SHAPE.source,
      description: "Where to go on: the previous page's `nextCursor` (absent: the first page)",
      example: 'cjoxNzY0ODAwMDAwMDAwMDAwOjNmMmE3YzFlLTliNGQtNGMwYS04ZTVmLTZhN2I4YzlkMGUxZg',
    })(target, property);
    IsOptional()(target, property);
    Matches(CURSOR_SHAPE, { message: 'cursor must be the nextCursor of a page of this list' })(target, property);
    ValidateBy(
      {
        name: 'isCursorOfList',
        validator: {
          // A value of the wrong shape is the pattern's to report.
          validate: (value: unknown) =>
            typeof value !== 'string' || !CURSOR_SHAPE.test(value) || decodeCursor(list, value) !== undefined,
          defaultMessage: () => 'cursor is not one this list gave: start again without it',
        },
      },
      BEYOND_SCHEMA,
    )(target, property);
  };
}
