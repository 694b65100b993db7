import { Body, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { CommandEndpoint, IdempotentEndpoint, ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { CancellationResultView } from '../renewals/dto/cancellation.dto';
import { SkipIdempotencyKey } from '../idempotency/idempotency.decorators';
import { RenewalView } from '../renewals/dto/renewal-view.dto';
import { AuditTrailQuery, OperatorRenewalsQuery, OverdueQuery, RenewalSearchDto } from './dto/operator-query.dto';
import {
  AuditTrailPageView,
  LossDeclarationDto,
  LossDeclarationResultView,
  OperatorCancellationDto,
  OverdueRenewalView,
  RenewalPageView,
} from './dto/operator.dto';
import { OperatorService } from './operator.service';
import { OverdueService } from './overdue.service';

/** Operations staff: every renewal, its audit trail, and the interventions. */
@RoleController({ path: 'v1/operator/renewals', role: 'operator', tag: 'operator' })
export class OperatorController {
  constructor(
    private readonly operator: OperatorService,
    private readonly overdueRenewals: OverdueService,
  ) {}

  @ReadEndpoint(undefined, {
    summary: 'Find renewals in the read model by stage, office, delivery, SLA breach, time stuck; newest first',
    description:
      'Any combination of the filters, a page at a time: follow `nextCursor` for the next page. Each page is read ' +
      'from an index in order, so it costs the same at any depth, and renewals created meanwhile neither repeat ' +
      'nor shift the pages after the first. The first page also says how many match: `total`, counted up to ' +
      "10,000 (`totalKind` says whether it is exact, a lower bound or PostgreSQL's estimate), never by scanning " +
      'millions of rows.',
    response: { type: RenewalPageView },
    problems: [400, 422],
  })
  list(@Query() query: OperatorRenewalsQuery): Promise<RenewalPageView> {
    return this.operator.list(query);
  }

  @CommandEndpoint('search', {
    summary: "Find renewals by short reference or by the citizen's national ID, newest first",
    description:
      'By `reference` (e.g. `PR-7K3M-9QX2`, as a citizen reads it out: case, `PR` and hyphens as they come; a ' +
      'mistyped symbol fails its check, 422) or by `nationalId`, in the body: a national ID in a URL ends up in ' +
      "every proxy's log. A search changes nothing, so it takes no Idempotency-Key. Every search is audited: each " +
      'renewal found on its trail (`operator.search` `FOUND`), and one that finds nothing too (`MISS`, naming the ' +
      'citizen looked for by pseudonym).',
    response: { type: [RenewalView], description: 'Empty when nothing matches' },
    problems: [400, 413, 422],
  })
  @SkipIdempotencyKey()
  search(@CurrentPrincipal() principal: Principal, @Body() search: RenewalSearchDto): Promise<RenewalView[]> {
    return this.operator.search(principal, search);
  }

  @ReadEndpoint('overdue', {
    summary: 'Renewals past their stage deadline, from Temporal visibility',
    description: "The same as `RenewalStage = '<stage>' AND StageDeadline < '<now>'` in the Temporal UI.",
    response: { type: [OverdueRenewalView] },
    problems: [400, 503],
  })
  overdue(@Query() query: OverdueQuery): Promise<OverdueRenewalView[]> {
    return this.overdueRenewals.overdue(query.stage ?? 'IN_TRANSIT');
  }

  @ReadEndpoint(':renewalId/audit', {
    summary: 'The audit trail of a renewal, oldest first, a page at a time',
    response: { type: AuditTrailPageView },
    problems: [400, 404, 422],
  })
  auditTrail(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Query() query: AuditTrailQuery,
  ): Promise<AuditTrailPageView> {
    return this.operator.auditTrail(principal, renewalId, query);
  }

  @IdempotentEndpoint(':renewalId/loss-declaration', {
    accepted: true,
    summary: 'Declare the envelope in transit lost: the passport is voided and reissued',
    response: { type: LossDeclarationResultView },
    problems: [404, 422, 503],
  })
  declareLoss(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: LossDeclarationDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<LossDeclarationResultView> {
    return this.operator.declareLoss(principal, renewalId, request.reason, idempotency);
  }

  @IdempotentEndpoint(':renewalId/cancellation', {
    summary: 'Cancel at any stage, undoing what was done (print job, printed passport, shipment, bill)',
    response: { type: CancellationResultView },
    problems: [404, 422, 503],
  })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: OperatorCancellationDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<CancellationResultView> {
    return this.operator.cancel(principal, renewalId, request.reason, idempotency);
  }
}
