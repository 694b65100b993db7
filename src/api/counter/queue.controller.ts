import { Query } from '@nestjs/common';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { RenewalView } from '../renewals/dto/renewal-view.dto';
import { ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { CountedPageView } from '../shared/paging/counted-page.view';
import { decodeCursor, nextCursor } from '../shared/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../shared/paging/page-query.dto';
import { referenceNumberOf } from '../shared/validation/is-renewal-reference.decorator';
import { PickupQueuePageView, PickupQueueQuery } from './dto/queue.dto';

/** The passports printed for the clerk's office and waiting there to be collected (the token's `office` claim). */
@RoleController({ path: 'v1/counter/queue', role: 'clerk', tag: 'counter' })
export class QueueController {
  constructor(private readonly renewals: RenewalsRepository) {}

  @ReadEndpoint(undefined, {
    summary: 'Passports ready for pickup at my office, longest waiting first',
    description:
      "A page at a time: follow `nextCursor`. `reference` finds one citizen's passport in the queue. The views " +
      'carry no personal data (a citizen is found by national ID with the look-up, which is audited).',
    response: { type: PickupQueuePageView },
    problems: [400, 422],
  })
  async queue(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PickupQueueQuery,
  ): Promise<PickupQueuePageView> {
    // Clerk tokens always carry their office (see access-token.ts).
    const office = principal.office!;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const reference = query.reference ? referenceNumberOf(query.reference) : undefined;
    const after = query.cursor ? decodeCursor('pickupQueue', query.cursor) : undefined;
    const [page, count] = await Promise.all([
      this.renewals.pickupQueue(office, { limit, after }, reference),
      query.cursor ? undefined : this.renewals.pickupQueueCount(office, reference),
    ]);
    return {
      items: page.rows.map(RenewalView.from),
      nextCursor: nextCursor('pickupQueue', page.next),
      limit,
      ...CountedPageView.counting(count),
    };
  }
}
