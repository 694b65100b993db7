import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { ApiIdempotencyKey } from '../idempotency/idempotency.decorators';
import { CitizenThrottlerGuard } from './citizen-throttler.guard';
import { AcceptanceDto, AcceptanceResultView } from './dto/acceptance.dto';
import { CancellationDto, CancellationResultView } from './dto/cancellation.dto';
import { CreateRenewalDto } from './dto/create-renewal.dto';
import { RenewalCreatedView } from './dto/renewal-created.view';
import { RenewalStatusView } from './dto/renewal-status.view';
import { RenewalView } from './dto/renewal-view.dto';
import { ReviewView } from './dto/review.view';
import { RenewalsService } from './renewals.service';

/** The citizen, acting on their own renewals only (another citizen's renewal is a 404). */
@ApiTags('citizen')
@Roles('citizen')
@ApiProblems(429)
@UseGuards(CitizenThrottlerGuard)
@Controller('v1/renewals')
export class RenewalsController {
  constructor(private readonly renewals: RenewalsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Start renewing my passport',
    description:
      'The national ID is the token subject. One renewal in progress per citizen (409 otherwise). The answer ' +
      'carries the eligibility outcome: `AWAITING_ACCEPTANCE` with the review to accept, or `REJECTED` with ' +
      '`outcomeReason`. Should the check take longer than the API waits (API_CREATION_WAIT_MS), the stage is ' +
      '`ELIGIBILITY_CHECK`: the renewal has started, and `GET /v1/renewals/{renewalId}` follows it.',
  })
  @ApiIdempotencyKey()
  @ApiAcceptedResponse({
    type: RenewalCreatedView,
    description: 'The renewal has started; its eligibility outcome, or the review when eligible',
  })
  @ApiProblems(400, 409, 413, 503)
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateRenewalDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<RenewalCreatedView> {
    return this.renewals.create(principal, request, idempotency);
  }

  @Get()
  @ApiOperation({ summary: 'My renewals, newest first' })
  @ApiOkResponse({ type: [RenewalView] })
  list(@CurrentPrincipal() principal: Principal): Promise<RenewalView[]> {
    return this.renewals.list(principal);
  }

  @Get(':renewalId')
  @ApiOperation({ summary: 'One of my renewals, from the read model' })
  @ApiOkResponse({ type: RenewalView })
  @ApiProblems(400, 404)
  get(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<RenewalView> {
    return this.renewals.get(principal, renewalId);
  }

  @Get(':renewalId/status')
  @ApiOperation({ summary: 'Live status with timeline, deadlines, tracking and what is pending' })
  @ApiOkResponse({ type: RenewalStatusView })
  @ApiProblems(400, 404, 503)
  status(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<RenewalStatusView> {
    return this.renewals.status(principal, renewalId);
  }

  @Get(':renewalId/review')
  @ApiOperation({
    summary: 'The data on file to review before accepting',
    description: 'Photo reference, names in Arabic and English, personal data, the passport, required pledges, fees.',
  })
  @ApiOkResponse({ type: ReviewView })
  @ApiProblems(400, 404, 503)
  review(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<ReviewView> {
    return this.renewals.review(principal, renewalId);
  }

  @Post(':renewalId/acceptance')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Accept the service: confirm photo and English name, accept every pledge, choose validity and delivery',
    description: 'A refusal is a 422 whose `reason` (and `errors[].field` where it applies) says what to fix.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: AcceptanceResultView, description: 'Accepted; a SADAD bill for `totalSar` follows' })
  @ApiProblems(400, 404, 409, 413, 422, 503)
  accept(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: AcceptanceDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<AcceptanceResultView> {
    return this.renewals.accept(principal, renewalId, request, idempotency);
  }

  @Post(':renewalId/cancellation')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Withdraw my renewal (until printing starts)' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: CancellationResultView })
  @ApiProblems(400, 404, 409, 413, 422, 503)
  cancel(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: CancellationDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<CancellationResultView> {
    return this.renewals.cancel(principal, renewalId, request, idempotency);
  }
}
