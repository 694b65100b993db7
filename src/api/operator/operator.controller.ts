import { Body, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { IdempotentEndpoint, ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { CancellationResultView } from '../renewals/dto/cancellation.dto';
import { OperatorRenewalsQuery, OverdueQuery } from './dto/operator-query.dto';
import {
  AuditEventView,
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
    summary: 'Find renewals in the read model by stage, office, delivery, SLA breach, time stuck',
    response: { type: RenewalPageView },
    problems: [400, 422],
  })
  list(@Query() query: OperatorRenewalsQuery): Promise<RenewalPageView> {
    return this.operator.list(query);
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
    summary: 'The audit trail of a renewal, oldest first',
    response: { type: [AuditEventView] },
    problems: [400, 404],
  })
  auditTrail(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<AuditEventView[]> {
    return this.operator.auditTrail(principal, renewalId);
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
