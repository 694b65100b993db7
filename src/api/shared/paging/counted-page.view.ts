import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BoundedCount } from '../../../persistence/repositories/paging';
import { COUNT_CAP } from '../../../persistence/repositories/paging';

/** What every keyset-paged list says besides its items: where to go on, and how many match. */
export class CountedPageView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;

  @ApiProperty({ example: 50 })
  limit: number;

  @ApiProperty({
    example: 137,
    description: `How many match in all pages, counted up to ${COUNT_CAP.toLocaleString('en')}: above that, ${COUNT_CAP} with \`totalCapped\``,
  })
  total: number;

  @ApiProperty({ description: `More than \`total\` match (show "${COUNT_CAP.toLocaleString('en')}+")` })
  totalCapped: boolean;

  @ApiPropertyOptional({
    example: 1_250_000,
    description:
      "When `totalCapped`: PostgreSQL's estimate of how many match, from its statistics (no scan; rough for " +
      'unusual combinations of filters)',
  })
  estimatedTotal?: number;

  static counting(count: BoundedCount): Pick<CountedPageView, 'total' | 'totalCapped' | 'estimatedTotal'> {
    return {
      total: count.count,
      totalCapped: count.capped,
      ...(count.estimate !== undefined && { estimatedTotal: count.estimate }),
    };
  }
}
