import { Body } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { IdempotentEndpoint, ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { CitizenController } from './citizen-controller.decorator';
import { AcceptanceDto, AcceptanceResultView } from './dto/acceptance.dto';
import { CancellationDto, CancellationResultView } from './dto/cancellation.dto';
import { CreateRenewalDto } from './dto/create-renewal.dto';
import { RenewalCreatedView } from './dto/renewal-created.view';
import { RenewalStatusView } from './dto/renewal-status.view';
import { RenewalView } from './dto/renewal-view.dto';
import { ReviewView } from './dto/review.view';
import { RenewalsService } from './renewals.service';

/** The citizen, acting on their own renewals only (another citizen's renewal is a 404). */
@CitizenController('v1/renewals')
export class RenewalsController {
  constructor(private readonly renewals: RenewalsService) {}

  @IdempotentEndpoint(undefined, {
    accepted: true,
    summary: 'Start renewing my passport',
    description:
      'The national ID is the token subject. One renewal in progress per citizen (409 otherwise). The answer ' +
      'carries the eligibility outcome: `AWAITING_ACCEPTANCE` with the review to accept, or `REJECTED` with ' +
      '`outcomeReason`. Should the check take longer than the API waits (API_CREATION_WAIT_MS), the stage is ' +
      '`ELIGIBILITY_CHECK`: the renewal has started, and `GET /v1/renewals/{renewalId}` follows it.',
    response: {
      type: RenewalCreatedView,
      description: 'The renewal has started; its eligibility outcome, or the review when eligible',
    },
    problems: [503],
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() request: CreateRenewalDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<RenewalCreatedView> {
    return this.renewals.create(principal, request, idempotency);
  }

  @ReadEndpoint(undefined, { summary: 'My renewals, newest first', response: { type: [RenewalView] } })
  list(@CurrentPrincipal() principal: Principal): Promise<RenewalView[]> {
    return this.renewals.list(principal);
  }

  @ReadEndpoint(':renewalId', {
    summary: 'One of my renewals, from the read model',
    response: { type: RenewalView },
    problems: [400, 404],
  })
  get(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<RenewalView> {
    return this.renewals.get(principal, renewalId);
  }

  @ReadEndpoint(':renewalId/status', {
    summary: 'Live status with timeline, deadlines, tracking and what is pending',
    response: { type: RenewalStatusView },
    problems: [400, 404, 503],
  })
  status(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<RenewalStatusView> {
    return this.renewals.status(principal, renewalId);
  }

  @ReadEndpoint(':renewalId/review', {
    summary: 'The data on file to review before accepting',
    description: 'Photo reference, names in Arabic and English, personal data, the passport, required pledges, fees.',
    response: { type: ReviewView },
    problems: [400, 404, 503],
  })
  review(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<ReviewView> {
    return this.renewals.review(principal, renewalId);
  }

  @IdempotentEndpoint(':renewalId/acceptance', {
    summary: 'Accept the service: confirm photo and English name, accept every pledge, choose validity and delivery',
    description: 'A refusal is a 422 whose `reason` (and `errors[].field` where it applies) says what to fix.',
    response: { type: AcceptanceResultView, description: 'Accepted; a SADAD bill for `totalSar` follows' },
    problems: [404, 422, 503],
  })
  accept(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: AcceptanceDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<AcceptanceResultView> {
    return this.renewals.accept(principal, renewalId, request, idempotency);
  }

  @IdempotentEndpoint(':renewalId/cancellation', {
    summary: 'Withdraw my renewal (until printing starts)',
    response: { type: CancellationResultView },
    problems: [404, 422, 503],
  })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: CancellationDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<CancellationResultView> {
    return this.renewals.cancel(principal, renewalId, request, idempotency);
  }
}
