import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  AcceptanceRequest,
  acceptTermsUpdate,
  ageOn,
  cancelRenewalUpdate,
  RenewalPolicy,
} from '../../../workflows/contract';
import type { AppConfig } from '../../config/configuration';
import type { CivilRegistry } from '../../integrations/civil-registry/port';
import { Persistence } from '../../persistence/persistence';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../common/problem';
import { derivedId, derivedUuid, IdempotencyContext } from '../idempotency/idempotency-context';
import { InjectCivilRegistry } from '../integrations/integrations.tokens';
import { ApiAudit } from '../shared/api-audit.service';
import { audited } from '../shared/audited';
import { RenewalAccess } from '../shared/renewal-access.service';
import { RenewalWorkflows } from '../temporal/renewal-workflows';
import { acceptanceRejection } from './acceptance-rejections';
import { AcceptanceDto, AcceptanceResultView } from './dto/acceptance.dto';
import { CancellationDto, CancellationResultView } from './dto/cancellation.dto';
import { CreateRenewalDto } from './dto/create-renewal.dto';
import { RenewalStatusView } from './dto/renewal-status.view';
import { RenewalView } from './dto/renewal-view.dto';
import { ReviewView } from './dto/review.view';

/** The citizen's side: start a renewal of their own passport, review, accept, follow, cancel. */
@Injectable()
export class RenewalsService {
  constructor(
    private readonly workflows: RenewalWorkflows,
    private readonly persistence: Persistence,
    private readonly renewals: RenewalsRepository,
    @InjectCivilRegistry() private readonly registry: CivilRegistry,
    private readonly access: RenewalAccess,
    private readonly audit: ApiAudit,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async create(principal: Principal, request: CreateRenewalDto, idempotency: IdempotencyContext): Promise<RenewalView> {
    const nationalId = principal.subject;
    // Derived from the key: a retry that re-executes after a crash starts nothing new.
    const renewalId = derivedUuid(idempotency, 'renewal');
    const policy = this.config.get('policy', { infer: true });
    await this.persistence.transaction(async (tx) => {
      // One creation at a time per citizen, so two requests with different keys cannot both start a renewal.
      await tx.renewals.lockCreationsOf(nationalId);
      const open = await tx.renewals.openOf(nationalId);
      if (open?.renewalId === renewalId) return;
      if (open) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'renewal-in-progress',
          'A renewal is already in progress',
          'Finish or cancel the renewal in progress first',
          { renewalId: open.renewalId },
        );
      }
      // Written before the start so the trail reads in order; the transaction drops it if the start fails.
      await this.audit.record(
        {
          actor: principal.actor,
          renewalId,
          action: 'citizen.renewal.create',
          outcome: 'STARTED',
          details: { officeId: request.officeId },
          idempotency,
        },
        tx.audit,
      );
      await this.workflows.start(this.config.get('temporal.taskQueue', { infer: true }), {
        renewalId,
        nationalId,
        officeId: request.officeId,
        policy,
      });
      // Readable at once, with the policy the workflow was given (the review shows its fees and pledges).
      await tx.renewals.recordCreated({ renewalId, nationalId, officeId: request.officeId, policy });
    });
    return this.get(principal, renewalId);
  }

  async list(principal: Principal): Promise<RenewalView[]> {
    const records = await this.renewals.ofCitizen(principal.subject, 100);
    return records.map(RenewalView.from);
  }

  async get(principal: Principal, renewalId: string): Promise<RenewalView> {
    return RenewalView.from(await this.access.require(principal, renewalId, 'citizen.renewal.read'));
  }

  /** From PostgreSQL: the row (already read to check access) and the timeline, one consistent view. */
  async status(principal: Principal, renewalId: string): Promise<RenewalStatusView> {
    const record = await this.access.require(principal, renewalId, 'citizen.status');
    // Renewals started before the lean history project their stage only: their workflow answers.
    if (!record.hasSnapshot && record.lastSequence > 0) {
      return RenewalStatusView.from(await this.workflows.status(renewalId));
    }
    return RenewalStatusView.fromReadModel(record, await this.persistence.audit.timelineOf(renewalId));
  }

  async review(principal: Principal, renewalId: string): Promise<ReviewView> {
    const record = await this.access.require(principal, renewalId, 'citizen.review');
    const [profile, facts] = await Promise.all([
      this.registry.lookUpProfile(record.nationalId),
      this.registry.lookUpCitizen(record.nationalId),
    ]);
    if (!profile) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'citizen-not-on-file',
        'No data on file',
        'The civil registry holds no record for this citizen',
      );
    }
    // The terms this renewal's workflow applies, whatever the configuration says today. Only renewals
    // created before the read model kept their policy have none: for them, today's is all we know.
    const policy: RenewalPolicy = record.policy ?? this.config.get('policy', { infer: true });
    await this.audit.record({ actor: principal.actor, renewalId, action: 'citizen.review', outcome: 'DISCLOSED' });
    const passport = facts?.currentPassport;
    return {
      renewalId,
      photoRef: profile.photoRef,
      nameAr: profile.nameAr,
      nameEn: profile.nameEn,
      dateOfBirth: profile.dateOfBirth,
      mobile: profile.mobile,
      passport: passport && {
        passportNumber: passport.passportNumber,
        status: passport.status,
        expiresOn: passport.expiresOn,
      },
      requiredPledgeIds: [...policy.requiredPledgeIds],
      // The same rule the acceptance's validator applies, so the citizen is offered only what will be accepted.
      validityYearsAllowed: ageOn(profile.dateOfBirth, new Date()) < policy.minAgeForTenYears ? [5] : [5, 10],
      fees: { ...policy.fees },
    };
  }

  async accept(
    principal: Principal,
    renewalId: string,
    dto: AcceptanceDto,
    idempotency: IdempotencyContext,
  ): Promise<AcceptanceResultView> {
    await this.access.require(principal, renewalId, 'citizen.acceptance');
    const request: AcceptanceRequest = {
      photoConfirmed: dto.photoConfirmed,
      englishNameConfirmed: dto.englishNameConfirmed,
      acceptedPledgeIds: dto.acceptedPledgeIds,
      validityYears: dto.validityYears,
      delivery:
        dto.delivery.method === 'PICKUP' ? { method: 'PICKUP', officeId: dto.delivery.officeId! } : { method: 'POST' },
    };
    try {
      return await audited(
        this.audit,
        { actor: principal.actor, renewalId, action: 'citizen.acceptance', idempotency },
        () => this.workflows.update(renewalId, acceptTermsUpdate, request, derivedId(idempotency, 'acceptance')),
        (fee) => ({
          outcome: 'ACCEPTED',
          details: { validityYears: dto.validityYears, deliveryMethod: dto.delivery.method, totalSar: fee.totalSar },
        }),
      );
    } catch (error) {
      throw error instanceof WorkflowUpdateFailedError ? acceptanceRejection(error) : error;
    }
  }

  async cancel(
    principal: Principal,
    renewalId: string,
    dto: CancellationDto,
    idempotency: IdempotencyContext,
  ): Promise<CancellationResultView> {
    await this.access.require(principal, renewalId, 'citizen.cancellation');
    return audited(
      this.audit,
      { actor: principal.actor, renewalId, action: 'citizen.cancellation', idempotency },
      () =>
        this.workflows.update(
          renewalId,
          cancelRenewalUpdate,
          { requestedBy: { role: 'CITIZEN', id: principal.actorId }, reason: dto.reason },
          derivedId(idempotency, 'cancellation'),
        ),
      (result) => ({ outcome: result.stage, details: { compensations: result.compensations } }),
    );
  }
}
