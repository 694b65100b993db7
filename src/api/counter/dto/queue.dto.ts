import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { RenewalView } from '../../renewals/dto/renewal-view.dto';
import { CountedPageView } from '../../shared/paging/counted-page.view';
import { CursorQueryParam, LimitQuery } from '../../shared/paging/page-query.dto';
import { IsRenewalReference } from '../../shared/validation/is-renewal-reference.decorator';
import { RENEWAL_REFERENCE_SHAPE } from '../../../domain/renewal-reference';

/** The office's queue, a page at a time, or the one passport of a reference in it. */
export class PickupQueueQuery extends LimitQuery {
  @CursorQueryParam('pickupQueue')
  cursor?: string;

  @ApiPropertyOptional({
    example: 'PR-7K3M-9QX2',
    pattern: RENEWAL_REFERENCE_SHAPE.source,
    description: 'Only the passport of this short reference, if it waits here (case, PR and hyphens as typed)',
  })
  @IsOptional()
  @IsRenewalReference()
  reference?: string;
}

export class PickupQueuePageView extends CountedPageView {
  @ApiProperty({
    type: [RenewalView],
    description: 'Longest waiting first (`stageEnteredAt`: since when the passport waits here)',
  })
  items: RenewalView[];
}
