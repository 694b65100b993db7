import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BoundedCount } from '../../../persistence/repositories/paging';
import { COUNT_CAP } from '../../../persistence/repositories/paging';

const CAP = COUNT_CAP.toLocaleString('en');

/**
 * What every keyset-paged list says besides its items: where to go on, and, on the first page (no `cursor`), how
 * many match; later pages leave the count out, as the client has it already and it costs a second statement.
 */
export class CountedPageView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;

  @ApiProperty({ example: 50 })
  limit: number;

  @ApiPropertyOptional({
    example: 137,
    description:
      `First page only: how many match in all pages, as \`totalKind\` says: counted (up to ${CAP}), at least ` +
      `${CAP}, or estimated`,
  })
  total?: number;

  @ApiPropertyOptional({
    enum: ['EXACT', 'AT_LEAST', 'ESTIMATED'],
    description:
      `\`EXACT\`: counted. \`AT_LEAST\`: more than ${CAP} match (show "${CAP}+"; \`estimatedTotal\` says about how ` +
      'many). `ESTIMATED`: counting would have taken too long (the matches are few and scattered), so `total` is ' +
      'PostgreSQL\'s estimate from its statistics (show "about …")',
  })
  totalKind?: 'EXACT' | 'AT_LEAST' | 'ESTIMATED';

  @ApiPropertyOptional({
    example: 1_250_000,
    description:
      "When not `EXACT`: PostgreSQL's estimate of how many match, from its statistics (no scan; rough for " +
      'unusual combinations of filters)',
  })
  estimatedTotal?: number;

  static counting(count: BoundedCount | undefined): Pick<CountedPageView, 'total' | 'totalKind' | 'estimatedTotal'> {
    if (!count) return {};
    return {
      total: count.count,
      totalKind: count.kind,
      ...(count.estimate !== undefined && { estimatedTotal: count.estimate }),
    };
  }
}
