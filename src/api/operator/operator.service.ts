import { HttpStatus, Injectable } from '@nestjs/common';
import { cancelRenewalUpdate, declareShipmentLostSignal } from '../../../workflows/contract';
import { AuditTrail } from '../../persistence/repositories/audit-trail.repository';
import { type RenewalFilter, RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import { formatRenewalReference } from '../../domain/renewal-reference';
import type { ApiConfig } from '../../config/api';
import { pseudonymOf } from '../auth/pseudonym';
import { InjectConfig } from '../config-module/config.tokens';
import { CountedPageView } from '../shared/paging/counted-page.view';
import { decodeCursor, nextCursor } from '../shared/paging/cursor';
import { DEFAULT_PAGE_SIZE } from '../shared/paging/page-query.dto';
import { referenceNumberOf } from '../shared/validation/is-renewal-reference.decorator';
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
import { AuditTrailQuery, OperatorRenewalsQuery, RenewalSearchDto } from './dto/operator-query.dto';
import { AuditTrailPageView, LossDeclarationResultView, RenewalPageView } from './dto/operator.dto';

/** A citizen has a handful of renewals in a decade; more than this would be a fault to look at, not a list. */
const SEARCH_LIMIT = 50;
/** A renewal's whole trail is a few dozen lines: one page holds it as a rule. */
const AUDIT_PAGE_SIZE = 200;

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
    @InjectConfig('api') private readonly api: ApiConfig,
  ) {}

  /** The list page and, on the first page, its bounded count, read side by side (on two connections of the pool). */
  async list(query: OperatorRenewalsQuery): Promise<RenewalPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filter: RenewalFilter = {
      stage: query.stage,
      officeId: query.officeId,
      deliveryMethod: query.deliveryMethod,
      slaBreached: query.slaBreached,
      overdue: query.overdue,
      pastDeadline: query.pastDeadline,
      stuckSince: query.stuckFor ? new Date(Date.now() - isoDurationMs(query.stuckFor)!) : undefined,
    };
    const [page, count] = await Promise.all([
      this.renewals.list(filter, { limit, after: query.cursor ? decodeCursor('renewals', query.cursor) : undefined }),
      query.cursor ? undefined : this.renewals.count(filter),
    ]);
    return {
      items: page.rows.map(RenewalView.from),
      nextCursor: nextCursor('renewals', page.next),
      limit,
      ...CountedPageView.counting(count),
    };
  }

  /**
   * Finds renewals by short reference or by the citizen's national ID (by its digest). Each renewal found is
   * audited on its trail, and a search that finds nothing too (`MISS`, naming the citizen looked for by
   * pseudonym), as the counter's look-up is: whoever looks citizens up leaves a trace.
   */
  async search(principal: Principal, search: RenewalSearchDto): Promise<RenewalView[]> {
    const records = search.reference
      ? [await this.renewals.byReferenceNumber(referenceNumberOf(search.reference))].filter((found) => !!found)
      : await this.renewals.ofNationalId(search.nationalId!, SEARCH_LIMIT);
    const by = search.reference ? { reference: formatRenewalReference(referenceNumberOf(search.reference)) } : {};
    if (!records.length) {
      await this.audit.record({
        actor: principal.actor,
        action: 'operator.search',
        outcome: 'MISS',
        details: search.nationalId
          ? { lookedFor: `citizen:${pseudonymOf(this.api.pseudonymKey, search.nationalId)}` }
          : by,
      });
    }
    for (const record of records) {
      await this.audit.record({
        actor: principal.actor,
        renewalId: record.renewalId,
        action: 'operator.search',
        outcome: 'FOUND',
        details: search.nationalId ? { by: 'nationalId' } : { by: 'reference' },
      });
    }
    return records.map(RenewalView.from);
  }

  async auditTrail(principal: Principal, renewalId: string, query: AuditTrailQuery): Promise<AuditTrailPageView> {
    await this.access.require(principal, renewalId, 'operator.audit-trail');
    const limit = query.limit ?? AUDIT_PAGE_SIZE;
    const page = await this.trail.ofRenewal(renewalId, {
      limit,
      after: query.cursor ? decodeCursor('auditTrail', query.cursor) : undefined,
    });
    return {
      items: page.rows.map((event) => ({
        at: event.occurredAt.toISOString(),
        actor: event.actor,
        action: event.action,
        outcome: event.outcome,
        details: event.details,
      })),
      nextCursor: nextCursor('auditTrail', page.next),
      limit,
    };
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
