import { HttpStatus, Injectable } from '@nestjs/common';
import { Persistence } from '../../persistence/persistence';
import type { OperatorAlert } from '../../persistence/repositories/operator-alerts.repository';
import { OperatorAlertsRepository } from '../../persistence/repositories/operator-alerts.repository';
import type { Principal } from '../auth/principal';
import type { IdempotencyContext } from '../idempotency/idempotency-context';
import { ApiAudit } from '../shared/audit/api-audit.service';
import { CountedPageView } from '../shared/paging/counted-page.view';
import { decodeCursor, nextCursor } from '../shared/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../shared/paging/page-query.dto';
import { ProblemException } from '../shared/problems/problem';
import { AcknowledgementResultView, AlertPageView, AlertsQuery, AlertView } from './dto/alerts.dto';

/**
 * Operator alerts across renewals: what the workflows noticed (an SLA breach, an overdue print job) and what
 * partner messages revealed (a payment of the wrong amount, a delivery after a loss), listed from their table
 * and acknowledged there; each alert and each acknowledgement is also a line of its renewal's audit trail.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: OperatorAlertsRepository,
    private readonly persistence: Persistence,
    private readonly audit: ApiAudit,
  ) {}

  async list(query: AlertsQuery): Promise<AlertPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter = {
      kind: query.kind,
      renewalId: query.renewalId,
      since: query.since ? new Date(query.since) : undefined,
      until: query.until ? new Date(query.until) : undefined,
      acknowledged: query.acknowledged,
    };
    const [page, count] = await Promise.all([
      this.alerts.list(filter, { limit, after: query.cursor ? decodeCursor('alerts', query.cursor) : undefined }),
      query.cursor ? undefined : this.alerts.count(filter),
    ]);
    return {
      items: page.rows.map(viewOf),
      nextCursor: nextCursor('alerts', page.next),
      limit,
      ...CountedPageView.counting(count),
    };
  }

  /**
   * Marks the alert seen, with the operator's note, and puts that on the renewal's trail in the same
   * transaction. Once only: the first acknowledgement stands, and a later one (another operator's, or the same
   * operator's with a new Idempotency-Key) changes nothing, is answered `ALREADY_ACKNOWLEDGED` with the first,
   * and is on the trail as such.
   */
  async acknowledge(
    principal: Principal,
    alertId: string,
    note: string,
    idempotency: IdempotencyContext,
  ): Promise<AcknowledgementResultView> {
    return this.persistence.transaction(async (tx) => {
      const at = new Date();
      const result = await tx.alerts.acknowledge(alertId, principal.actor, note, at);
      if (!result) {
        throw new ProblemException(HttpStatus.NOT_FOUND, 'alert-not-found', 'Alert not found', `No alert ${alertId}`);
      }
      await this.audit.record(
        {
          actor: principal.actor,
          renewalId: result.alert.renewalId ?? undefined,
          action: 'operator.alert.acknowledge',
          outcome: result.outcome,
          details: { alertId, kind: result.alert.kind, ...(result.outcome === 'ACKNOWLEDGED' && { note }) },
          idempotency,
          at,
        },
        tx.audit,
      );
      return { outcome: result.outcome, alert: viewOf(result.alert) };
    });
  }
}

function viewOf(alert: OperatorAlert): AlertView {
  return {
    alertId: alert.alertId,
    at: alert.raisedAt.toISOString(),
    // Alerts are raised about a renewal, always (only a clerk's look-up that found none is about no renewal).
    renewalId: alert.renewalId!,
    kind: alert.kind,
    raisedBy: alert.raisedBy,
    details: alert.details,
    ...(alert.acknowledgement && {
      acknowledgement: {
        by: alert.acknowledgement.by,
        at: alert.acknowledgement.at.toISOString(),
        note: alert.acknowledgement.note,
      },
    }),
  };
}
