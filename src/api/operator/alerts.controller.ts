import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTrail } from '../../persistence/repositories/audit-trail.repository';
import { Roles } from '../auth/access.decorators';
import { ApiProblems } from '../shared/problems/api-problems.decorator';
import { AlertPageView, AlertsQuery } from './dto/alerts.dto';

/**
 * Operator alerts across renewals: what the workflows noticed (an SLA breach,
 * an overdue print job) and what partner messages revealed (a payment of the
 * wrong amount, a delivery after a loss). Each is also a line of its renewal's
 * audit trail, which is where they are kept.
 */
@ApiTags('operator')
@Roles('operator')
@Controller('v1/operator/alerts')
export class AlertsController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @ApiOperation({ summary: 'Operator alerts, newest first, by kind, renewal and time' })
  @ApiOkResponse({ type: AlertPageView })
  @ApiProblems(400)
  async list(@Query() query: AlertsQuery): Promise<AlertPageView> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { events, total } = await this.trail.alerts(
      {
        kind: query.kind,
        renewalId: query.renewalId,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
      },
      { limit, offset },
    );
    const items = events.map((event) => ({
      at: event.occurredAt.toISOString(),
      renewalId: event.renewalId,
      kind: event.outcome,
      raisedBy: event.actor,
      details: event.details,
    }));
    return { items, total, limit, offset };
  }
}
