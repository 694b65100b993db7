import { HttpStatus, Injectable } from '@nestjs/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  AcceptanceRequest,
  acceptTermsUpdate,
  allowedValidityYears,
  cancelRenewalUpdate,
  type RenewalInput,
  RenewalPolicy,
} from '../../../workflows/contract';
import type { ApiConfig } from '../../config/api';
import type { CivilRegistry } from '../../integrations/civil-registry/port';
import { IntegrationError } from '../../integrations/errors';
import { Persistence } from '../../persistence/persistence';
import type { RenewalRecord } from '../../persistence/entities/renewal.entity';
import { RenewalsRepository } from '../../persistence/repositories/renewals.repository';
import { nationalIdOf, type Principal } from '../auth/principal';
import { InjectConfig } from '../config-module/config.tokens';
import { ProblemException } from '../shared/problems/problem';
import { derivedId, derivedUuid, IdempotencyContext } from '../idempotency/idempotency-context';
import { InjectCivilRegistry } from '../integrations-module/integrations.tokens';
import { ApiAudit } from '../shared/audit/api-audit.service';
import { audited } from '../shared/audit/audited';
import { RenewalAccess } from '../shared/renewal-access/renewal-access.service';
import { RenewalWorkflows } from '../temporal-module/renewal-workflows';
import { acceptanceRejection } from './acceptance-rejections';
import { AcceptanceDto, AcceptanceResultView } from './dto/acceptance.dto';
import { CancellationDto, CancellationResultView } from './dto/cancellation.dto';
import { CreateRenewalDto } from './dto/create-renewal.dto';
import { RenewalCreatedView } from './dto/renewal-created.view';
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
    @InjectConfig('policy') private readonly policy: RenewalPolicy,
    @InjectConfig('api') private readonly api: ApiConfig,
  ) {}

  /**
   * Opens a renewal and answers with its eligibility outcome. Two short steps
   * around one Temporal call, and no transaction spans it: the read-model row is
   * reserved first (one creation at a time per citizen, so two requests with
   * different keys cannot both open a renewal), then the workflow is started
   * with the opening update (update-with-start), then the request is audited.
   */
  async create(
    principal: Principal,
    request: CreateRenewalDto,
    idempotency: IdempotencyContext,
  ): Promise<RenewalCreatedView> {
    // The trail orders by time: the request is dated when made, before the renewal's first stage.
    const requestedAt = new Date();
    const input: RenewalInput = {
      // Derived from the key: a retry that re-executes after a crash opens nothing new.
      renewalId: derivedUuid(idempotency, 'renewal'),
      nationalId: nationalIdOf(principal),
      officeId: request.officeId,
      policy: this.policy,
    };
    const inProgress = await this.reserve(input);
    if (inProgress) {
      // A renewal reserved by a request that died before starting it would otherwise block the citizen for good.
      if (inProgress.lastSequence === 0) await this.workflows.start(inputOf(inProgress, input));
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'renewal-in-progress',
        'A renewal is already in progress',
        'Finish or cancel the renewal in progress first',
        { renewalId: inProgress.renewalId },
      );
    }
    const opened = await this.workflows.open(input, derivedId(idempotency, 'open'), this.api.creationWaitMs);
    await this.audit.record({
      actor: principal.actor,
      renewalId: input.renewalId,
      action: 'citizen.renewal.create',
      outcome: 'STARTED',
      details: { officeId: request.officeId },
      idempotency,
      at: requestedAt,
    });
    const record = await this.access.require(principal, input.renewalId, 'citizen.renewal.create');
    // The workflow's answer is the truth of this moment; the read model may be a step behind it.
    const view: RenewalCreatedView = {
      ...RenewalView.from(record),
      ...(opened && { stage: opened.stage, stageDeadline: opened.stageDeadline ?? null }),
      ...(opened?.reason && { outcomeReason: opened.reason }),
    };
    if (opened?.stage === 'AWAITING_ACCEPTANCE') {
      // The renewal is open whatever the registry says now: a registry that does not answer leaves the review to
      // GET /v1/renewals/:id/review, rather than turning an accepted request into a 503 the client would retry.
      view.review = await this.reviewOf(principal, record).catch((error: unknown) => {
        if (error instanceof IntegrationError && error.kind === 'transient') return undefined;
        throw error;
      });
    }
    return view;
  }

  /**
   * Reserves the citizen's one open renewal in the read model, or finds the one
   * already in progress. The rule stays with the read model rather than with a
   * workflow id derived from the citizen (Temporal's id conflict policy): every
   * webhook, counter action and operator search addresses a renewal by its own
   * id, which a citizen-keyed workflow id would force to pin a run everywhere,
   * while renewals already running keep their renewal-keyed ids.
   */
  private reserve(input: RenewalInput): Promise<RenewalRecord | undefined> {
    return this.persistence.transaction(async (tx) => {
      await tx.renewals.lockCreationsOf(input.nationalId);
      const open = await tx.renewals.openOf(input.nationalId);
      if (open) return open.renewalId === input.renewalId ? undefined : open;
      // Readable at once, with the policy the workflow is given (the review shows its fees and pledges).
      await tx.renewals.recordCreated(input);
      return undefined;
    });
  }

  async list(principal: Principal): Promise<RenewalView[]> {
    const records = await this.renewals.ofCitizen(nationalIdOf(principal), 100);
    return records.map(RenewalView.from);
  }

  async get(principal: Principal, renewalId: string): Promise<RenewalView> {
    return RenewalView.from(await this.access.require(principal, renewalId, 'citizen.renewal.read'));
  }

  /** From PostgreSQL: the row (already read to check access) and the timeline, one consistent view. */
  async status(principal: Principal, renewalId: string): Promise<RenewalStatusView> {
    const record = await this.access.require(principal, renewalId, 'citizen.status');
    return RenewalStatusView.fromReadModel(record, await this.persistence.audit.timelineOf(renewalId));
  }

  async review(principal: Principal, renewalId: string): Promise<ReviewView> {
    return this.reviewOf(principal, await this.access.require(principal, renewalId, 'citizen.review'));
  }

  /** The citizen's own data: `record` is theirs (found by their national ID, the token's national_id claim). */
  private async reviewOf(principal: Principal, record: RenewalRecord): Promise<ReviewView> {
    const { renewalId } = record;
    const [profile, facts] = await Promise.all([
      this.registry.lookUpProfile(nationalIdOf(principal)),
      this.registry.lookUpCitizen(nationalIdOf(principal)),
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
    const policy: RenewalPolicy = record.policy ?? this.policy;
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
      // The rule the acceptance's validator applies, so the citizen is offered only what will be accepted.
      validityYearsAllowed: allowedValidityYears(profile.dateOfBirth, new Date(), policy.minAgeForTenYears),
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

/** The input a reserved renewal's workflow was (or is to be) started with: the same citizen's, found by their ID. */
function inputOf(record: RenewalRecord, request: RenewalInput): RenewalInput {
  const { renewalId, officeId } = record;
  return { renewalId, nationalId: request.nationalId, officeId, policy: record.policy ?? request.policy };
}
