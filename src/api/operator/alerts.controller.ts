import { Query } from '@nestjs/common';
import { AuditTrail } from '../../persistence/repositories/audit-trail.repository';
import { ReadEndpoint } from '../shared/endpoints/endpoint.decorators';
import { RoleController } from '../shared/endpoints/role-controller.decorator';
import { AlertPageView, AlertsQuery } from './dto/alerts.dto';

/**
 * Operator alerts across renewals: what the workflows noticed (an SLA breach,
 * an overdue print job) and what partner messages revealed (a payment of the
 * wrong amount, a delivery after a loss). Each is also a line of its renewal's
 * audit trail, which is where they are kept.
 */
@RoleController({ path: 'v1/operator/alerts', role: 'operator', tag: 'operator' })
export class AlertsController {
  constructor(private readonly trail: AuditTrail) {}

  @ReadEndpoint(undefined, {
    summary: 'Operator alerts, newest first, by kind, renewal and time',
    response: { type: AlertPageView },
    problems: [400],
  })
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
      // Alerts are raised about a renewal, always (only a clerk's look-up that found none is about no renewal).
      renewalId: event.renewalId!,
      kind: event.outcome,
      raisedBy: event.actor,
      details: event.details,
    }));
    return { items, total, limit, offset };
  }
}
