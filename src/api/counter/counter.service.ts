import { Injectable } from '@nestjs/common';
import { handOverUpdate, verifyOldPassportUpdate } from '../../../workflows/contract';
import type { ApiConfig } from '../../config/api';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import type { ApiMetrics } from '../../telemetry/metrics';
import type { Principal } from '../auth/principal';
import { pseudonymOf } from '../auth/pseudonym';
import { InjectConfig } from '../config-module/config.tokens';
import { derivedId, IdempotencyContext } from '../idempotency/idempotency-context';
import { InjectApiMetrics } from '../telemetry-module/api-metrics.token';
import { RenewalView } from '../renewals/dto/renewal-view.dto';
import { ApiAudit } from '../shared/audit/api-audit.service';
import { audited } from '../shared/audit/audited';
import { RenewalAccess } from '../shared/renewal-access/renewal-access.service';
import { RenewalWorkflows } from '../temporal-module/renewal-workflows';
import { HandoverResultView, VerificationResultView, VerifyOldPassportDto } from './dto/counter.dto';

/** The clerk's side of the counter, at their own office only: find, match the old passport, hand over. */
@Injectable()
export class CounterService {
  constructor(
    private readonly workflows: RenewalWorkflows,
    private readonly renewals: RenewalsRepository,
    private readonly access: RenewalAccess,
    private readonly audit: ApiAudit,
    @InjectApiMetrics() private readonly metrics: ApiMetrics,
    @InjectConfig('api') private readonly api: ApiConfig,
  ) {}

  /**
   * No appointment: the citizen walks in and the clerk looks them up by national ID. Every look-up is on the
   * audit trail: each renewal found, or a miss (who looked, when, at which office, for whom by pseudonym), so
   * a clerk trying national IDs leaves a trace even when nothing turns up.
   */
  async readyAtMyOffice(principal: Principal, nationalId: string): Promise<RenewalView[]> {
    // Clerk tokens always carry their office (see access-token.ts).
    const office = principal.office!;
    const records = await this.renewals.readyForPickup(nationalId, office);
    if (!records.length) {
      await this.audit.record({
        actor: principal.actor,
        action: 'counter.lookup',
        outcome: 'MISS',
        details: { officeId: office, lookedFor: `citizen:${pseudonymOf(this.api.pseudonymKey, nationalId)}` },
      });
    }
    for (const record of records) {
      await this.audit.record({
        actor: principal.actor,
        renewalId: record.renewalId,
        action: 'counter.lookup',
        outcome: 'FOUND',
      });
    }
    return records.map(RenewalView.from);
  }

  /** Any renewal of this office, whatever its stage, so the clerk can tell the citizen where it is. */
  async byId(principal: Principal, renewalId: string): Promise<RenewalView> {
    const record = await this.access.require(principal, renewalId, 'counter.lookup');
    await this.audit.record({ actor: principal.actor, renewalId, action: 'counter.lookup', outcome: 'FOUND' });
    return RenewalView.from(record);
  }

  async verify(
    principal: Principal,
    renewalId: string,
    request: VerifyOldPassportDto,
    idempotency: IdempotencyContext,
  ): Promise<VerificationResultView> {
    await this.access.require(principal, renewalId, 'counter.verification');
    const result = await audited(
      this.audit,
      { actor: principal.actor, renewalId, action: 'counter.verification', idempotency },
      () =>
        this.workflows.update(
          renewalId,
          verifyOldPassportUpdate,
          {
            clerkId: principal.actorId,
            presentedPassportNumber: request.presentedPassportNumber.toUpperCase(),
            identityConfirmed: request.identityConfirmed,
          },
          derivedId(idempotency, 'verification'),
        ),
      (result) => ({
        outcome: result.matched ? 'MATCHED' : 'MISMATCH',
        details: { mismatchesSoFar: result.mismatchesSoFar },
      }),
    );
    if (!result.matched) this.metrics.counterChecks.mismatch(principal.office!);
    return result;
  }

  async handOver(
    principal: Principal,
    renewalId: string,
    idempotency: IdempotencyContext,
  ): Promise<HandoverResultView> {
    await this.access.require(principal, renewalId, 'counter.handover');
    return audited(
      this.audit,
      { actor: principal.actor, renewalId, action: 'counter.handover', idempotency },
      () =>
        this.workflows.update(
          renewalId,
          handOverUpdate,
          { clerkId: principal.actorId },
          derivedId(idempotency, 'handover'),
        ),
      () => ({ outcome: 'HANDED_OVER' }),
    );
  }
}
