import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { ApiIdempotencyKey } from '../idempotency/idempotency.decorators';
import { RenewalView } from '../renewals/dto/renewal-view.dto';
import { CounterService } from './counter.service';
import {
  CounterLookupQuery,
  HandoverDto,
  HandoverResultView,
  VerificationResultView,
  VerifyOldPassportDto,
} from './dto/counter.dto';

/** The clerk at a passport office counter; the office is the token's `office` claim. */
@ApiTags('counter')
@Roles('clerk')
@Controller('v1/counter/renewals')
export class CounterController {
  constructor(private readonly counter: CounterService) {}

  @Get()
  @ApiOperation({ summary: 'Renewals of this citizen ready for pickup at my office' })
  @ApiOkResponse({ type: [RenewalView] })
  @ApiProblems(400, 422)
  readyAtMyOffice(
    @CurrentPrincipal() principal: Principal,
    @Query() query: CounterLookupQuery,
  ): Promise<RenewalView[]> {
    return this.counter.readyAtMyOffice(principal, query.nationalId);
  }

  @Get(':renewalId')
  @ApiOperation({
    summary: 'One renewal of my office, by its id (a citizen may show the id instead of their national ID)',
  })
  @ApiOkResponse({ type: RenewalView })
  @ApiProblems(400, 404)
  byId(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<RenewalView> {
    return this.counter.byId(principal, renewalId);
  }

  @Post(':renewalId/verification')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Match the old passport the citizen presents against the record' })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: VerificationResultView })
  @ApiProblems(400, 404, 409, 413, 422, 503)
  verify(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: VerifyOldPassportDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<VerificationResultView> {
    return this.counter.verify(principal, renewalId, request, idempotency);
  }

  @Post(':renewalId/handover')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Hand over the new passport',
    description: 'After a match: the old passport is cancelled and the new one activated, then this answers.',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: HandoverResultView })
  @ApiProblems(400, 404, 409, 413, 422, 503)
  handOver(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() _request: HandoverDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<HandoverResultView> {
    return this.counter.handOver(principal, renewalId, idempotency);
  }
}
