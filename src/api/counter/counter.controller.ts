import { Body } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { SkipIdempotencyKey } from '../idempotency/idempotency.decorators';
import { CommandEndpoint, IdempotentEndpoint, ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { RenewalIdParam } from '../shared/validation/renewal-id.param';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { RenewalView } from '../renewals/dto/renewal-view.dto';
import { CounterService } from './counter.service';
import {
  CounterLookupDto,
  HandoverDto,
  HandoverResultView,
  VerificationResultView,
  VerifyOldPassportDto,
} from './dto/counter.dto';

/** The clerk at a passport office counter; the office is the token's `office` claim. */
@RoleController({ path: 'v1/counter/renewals', role: 'clerk', tag: 'counter' })
export class CounterController {
  constructor(private readonly counter: CounterService) {}

  @CommandEndpoint('lookup', {
    summary: 'Renewals of this citizen ready for pickup at my office',
    description:
      'The national ID travels in the body, never in the URL, where proxies and access logs keep it. A look-up ' +
      'changes nothing, so it takes no Idempotency-Key. Every look-up is audited, one that finds nothing too ' +
      '(`MISS`, naming the citizen looked for by pseudonym).',
    response: { type: [RenewalView], description: 'Empty when nothing of this citizen waits at my office' },
    problems: [400, 413, 422],
  })
  @SkipIdempotencyKey()
  readyAtMyOffice(@CurrentPrincipal() principal: Principal, @Body() request: CounterLookupDto): Promise<RenewalView[]> {
    return this.counter.readyAtMyOffice(principal, request.nationalId);
  }

  @ReadEndpoint(':renewalId', {
    summary: 'One renewal of my office, by its id (a citizen may show the id instead of their national ID)',
    response: { type: RenewalView },
    problems: [400, 404],
  })
  byId(@CurrentPrincipal() principal: Principal, @RenewalIdParam() renewalId: string): Promise<RenewalView> {
    return this.counter.byId(principal, renewalId);
  }

  @IdempotentEndpoint(':renewalId/verification', {
    summary: 'Match the old passport the citizen presents against the record',
    response: { type: VerificationResultView },
    problems: [404, 422, 503],
  })
  verify(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() request: VerifyOldPassportDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<VerificationResultView> {
    return this.counter.verify(principal, renewalId, request, idempotency);
  }

  @IdempotentEndpoint(':renewalId/handover', {
    summary: 'Hand over the new passport',
    description: 'After a match: the old passport is cancelled and the new one activated, then this answers.',
    response: { type: HandoverResultView },
    problems: [404, 422, 503],
  })
  handOver(
    @CurrentPrincipal() principal: Principal,
    @RenewalIdParam() renewalId: string,
    @Body() _request: HandoverDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<HandoverResultView> {
    return this.counter.handOver(principal, renewalId, idempotency);
  }
}
