import { HttpStatus, Injectable } from '@nestjs/common';
import { cancelRenewalUpdate, declareShipmentLostSignal } from '../../../workflows/contract';
import { AuditTrail } from '../../persistence/repositories/audit-trail.repository';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import { ShipmentsRepository } from '../../persistence/repositories/shipments.repository';
import type { Principal } from '../auth/principal';
import { isoDurationMs } from '../shared/validation/iso-duration';
import { ProblemException } from '../shared/problems/problem';
import { derivedId, IdempotencyContext } from '../idempotency/idempotency-context';
import { CancellationResultView } from '../renewals/dto/cancellation.dto';
import { RenewalView } from '../renewals/dto/renewal-view.dto';
import { ApiAudit } from '../shared/audit/api-audit.service';
import { audited } from '../shared/audit/audited';
import { RenewalAccess } from '../shared/renewal-access/renewal-access.service';
import { RenewalWorkflows } from '../temporal-module/renewal-workflows';
import { OperatorRenewalsQuery } from './dto/operator-query.dto';
import { AuditEventView, LossDeclarationResultView, RenewalPageView } from './dto/operator.dto';

/** The operator's side: find renewals in the read model, read their audit trail, intervene. */
@Injectable()
export class OperatorService {
  constructor(
    private readonly workflows: RenewalWorkflows,
    private readonly renewals: RenewalsRepository,
    private readonly shipments: ShipmentsRepository,
    private readonly trail: AuditTrail,
    private readonly access: RenewalAccess,
    private readonly audit: ApiAudit,
  ) {}

  async list(query: OperatorRenewalsQuery): Promise<RenewalPageView> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const { records, total } = await this.renewals.find(
      {
        stage: query.stage,
        officeId: query.officeId,
        deliveryMethod: query.deliveryMethod,
        slaBreached: query.slaBreached,
        overdue: query.overdue,
        pastDeadline: query.pastDeadline,
        stuckSince: query.stuckFor ? new Date(Date.now() - isoDurationMs(query.stuckFor)!) : undefined,
      },
      { limit, offset },
    );
    return { items: records.map(RenewalView.from), total, limit, offset };
  }

  async auditTrail(principal: Principal, renewalId: string): Promise<AuditEventView[]> {
    await this.access.require(principal, renewalId, 'operator.audit-trail');
    const events = await this.trail.ofRenewal(renewalId);
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
    await this.access.require(principal, renewalId, 'operator.loss-declaration');
    const open = await this.shipments.openShipmentOf(renewalId);
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
      details: { trackingNumber: open.trackingNumber },
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
    await this.access.require(principal, renewalId, 'operator.cancellation');
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
