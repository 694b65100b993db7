import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { ApiIdempotencyKey } from '../idempotency/idempotency.decorators';
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
@ApiTags('operator')
@Roles('operator')
@Controller('v1/operator/renewals')
export class OperatorController {
  constructor(
    private readonly operator: OperatorService,
    private readonly overdueRenewals: OverdueService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Find renewals in the read model by stage, office, delivery, SLA breach, time stuck' })
  @ApiOkResponse({ type: RenewalPageView })
  @ApiProblems(400, 422)
  list(@Query() query: OperatorRenewalsQuery): Promise<RenewalPageView> {
    return this.operator.list(query);
  }

  @Get('overdue')
  @ApiOperation({
    summary: 'Renewals past their stage deadline, from Temporal visibility',
    description: "The same as `RenewalStage = '<stage>' AND StageDeadline < '<now>'` in the Temporal UI.",
  })
  @ApiOkResponse({ type: [OverdueRenewalView] })
  @ApiProblems(400, 503)
  overdue(@Query() query: OverdueQuery): Promise<OverdueRenewalView[]> {
    return this.overdueRenewals.overdue(query.stage ?? 'IN_TRANSIT');
  }

  @Get(':renewalId/audit')
  @ApiOperation({ summary: 'The audit trail of a renewal, oldest first' })
  @ApiOkResponse({ type: [AuditEventView] })
  @ApiProblems(400, 404)
  auditTrail(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<AuditEventView[]> {
    return this.operator.auditTrail(principal, renewalId);
  }

  @Post(':renewalId/loss-declaration')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Declare the envelope in transit lost: the passport is voided and reissued' })
  @ApiIdempotencyKey()
  @ApiAcceptedResponse({ type: LossDeclarationResultView })
  @ApiProblems(400, 404, 409, 413, 422, 503)
  declareLoss(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: LossDeclarationDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<LossDeclarationResultView> {
    return this.operator.declareLoss(principal, renewalId, request.reason, idempotency);
  }

  @Post(':renewalId/cancellation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel at any stage, undoing what was done (print job, printed passport, shipment, bill)' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: CancellationResultView })
  @ApiProblems(400, 404, 409, 413, 422, 503)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: OperatorCancellationDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<CancellationResultView> {
    return this.operator.cancel(principal, renewalId, request.reason, idempotency);
  }
}
