import { Body, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { Idempotency, IdempotencyContext } from '../idempotency/idempotency-context';
import { IdempotentEndpoint, ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { AlertIdParam } from './alert-id.param';
import { AlertsService } from './alerts.service';
import { AcknowledgeAlertDto, AcknowledgementResultView, AlertPageView, AlertsQuery } from './dto/alerts.dto';

/**
 * Operator alerts across renewals: what the workflows noticed (an SLA breach, an overdue print job) and what
 * partner messages revealed (a payment of the wrong amount, a delivery after a loss). Each is also a line of its
 * renewal's audit trail.
 */
@RoleController({ path: 'v1/operator/alerts', role: 'operator', tag: 'operator' })
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @ReadEndpoint(undefined, {
    summary: 'Operator alerts, newest first, by kind, renewal, time and acknowledgement',
    description:
      'A page at a time: follow `nextCursor`. The first page also says how many match: `total`, counted up to ' +
      "10,000 (`totalKind` says whether it is exact, a lower bound or PostgreSQL's estimate). " +
      '`acknowledged=false` lists what no one has looked at yet.',
    response: { type: AlertPageView },
    problems: [400, 422],
  })
  list(@Query() query: AlertsQuery): Promise<AlertPageView> {
    return this.alerts.list(query);
  }

  @IdempotentEndpoint(':alertId/acknowledgement', {
    summary: 'Acknowledge an alert, with a note for colleagues',
    description:
      'Once only: the first acknowledgement (who, when, the note) stands; acknowledging again changes nothing and ' +
      'answers `ALREADY_ACKNOWLEDGED` with it. Each is a line of the renewal’s audit trail ' +
      '(`operator.alert.acknowledge`).',
    response: { type: AcknowledgementResultView },
    problems: [404, 422],
  })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @AlertIdParam() alertId: string,
    @Body() request: AcknowledgeAlertDto,
    @Idempotency() idempotency: IdempotencyContext,
  ): Promise<AcknowledgementResultView> {
    return this.alerts.acknowledge(principal, alertId, request.note, idempotency);
  }
}
