import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { cancelRenewalUpdate, declareShipmentLostSignal, TERMINAL_STAGES } from '../../../workflows/contract';
import { AuditEvent } from '../../persistence/entities/audit-event.entity';
import { RenewalRecord } from '../../persistence/entities/renewal.entity';
import type { Principal } from '../auth/principal';
import { isoDurationMs } from '../common/iso-duration';
import { ProblemException } from '../common/problem';
import { derivedId, IdempotencyContext } from '../idempotency/idempotency-context';
import { CancellationResultView } from '../renewals/dto/cancellation.dto';
import { RenewalView } from '../renewals/dto/renewal-view.dto';
import { ApiAudit } from '../shared/api-audit.service';
import { audited } from '../shared/audited';
import { RenewalAccess } from '../shared/renewal-access.service';
import { RenewalWorkflows } from '../temporal/renewal-workflows';
import { OperatorRenewalsQuery } from './dto/operator-query.dto';
import { AuditEventView, LossDeclarationResultView, RenewalPageView } from './dto/operator.dto';

/** Shipment statuses after which there is no envelope in the carrier's hands to declare lost. */
const CLOSED_SHIPMENT = ['DELIVERED', 'RETURNED', 'LOST', 'RECALLED'];

/** The operator's side: find renewals in the read model, read their audit trail, intervene. */
@Injectable()
export class OperatorService {
  constructor(
    private readonly workflows: RenewalWorkflows,
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: RenewalAccess,
    private readonly audit: ApiAudit,
  ) {}

  async list(query: OperatorRenewalsQuery): Promise<RenewalPageView> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const select = this.db.getRepository(RenewalRecord).createQueryBuilder('r');
    if (query.stage) select.andWhere('r.stage = :stage', { stage: query.stage });
    if (query.officeId) select.andWhere('r.officeId = :officeId', { officeId: query.officeId });
    if (query.deliveryMethod) select.andWhere('r.deliveryMethod = :method', { method: query.deliveryMethod });
    if (query.slaBreached !== undefined) select.andWhere('r.slaBreached = :breached', { breached: query.slaBreached });
    if (query.stuckFor) {
      const since = new Date(Date.now() - isoDurationMs(query.stuckFor)!);
      select
        .andWhere('r.stageEnteredAt < :since', { since })
        .andWhere('r.stage NOT IN (:...terminal)', { terminal: [...TERMINAL_STAGES] });
    }
    const [records, total] = await select
      .orderBy('r.stageEnteredAt', 'ASC')
      .addOrderBy('r.renewalId', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { items: records.map(RenewalView.from), total, limit, offset };
  }

  async auditTrail(principal: Principal, renewalId: string): Promise<AuditEventView[]> {
    await this.access.require(principal, renewalId);
    const events = await this.db.getRepository(AuditEvent).find({
      where: { renewalId },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
    return events.map((event) => ({
      at: event.occurredAt.toISOString(),
      actor: event.actor,
      action: event.action,
      outcome: event.outcome,
      details: event.details,
    }));
  }

  async declareLoss(
    principal: Principal,
    renewalId: string,
    reason: string,
    idempotency: IdempotencyContext,
  ): Promise<LossDeclarationResultView> {
    await this.access.require(principal, renewalId);
    const [open] = await this.db.query(
      `SELECT tracking_number FROM shipments
        WHERE renewal_id = $1 AND closed_at IS NULL AND status <> ALL($2)
        ORDER BY issue_number DESC LIMIT 1`,
      [renewalId, CLOSED_SHIPMENT],
    );
    if (!open) {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'shipment-not-in-transit',
        'No shipment in transit',
        'Only an envelope still with the carrier can be declared lost',
      );
    }
    const at = new Date();
    await this.workflows.signal(renewalId, declareShipmentLostSignal, { operatorId: principal.actorId, reason });
    await this.audit.record({
      at,
      actor: principal.actor,
      renewalId,
      action: 'operator.loss-declaration',
      outcome: 'DECLARED',
      details: { trackingNumber: open.tracking_number },
      idempotency,
    });
    return { accepted: true };
  }

  async cancel(
    principal: Principal,
    renewalId: string,
    reason: string,
    idempotency: IdempotencyContext,
  ): Promise<CancellationResultView> {
    await this.access.require(principal, renewalId);
    return audited(
      this.audit,
      { actor: principal.actor, renewalId, action: 'operator.cancellation', idempotency },
      () =>
        this.workflows.update(
          renewalId,
          cancelRenewalUpdate,
          { requestedBy: { role: 'OPERATOR', id: principal.actorId }, reason },
          derivedId(idempotency, 'cancellation'),
        ),
      (result) => ({ outcome: result.stage, details: { compensations: result.compensations } }),
    );
  }
}
