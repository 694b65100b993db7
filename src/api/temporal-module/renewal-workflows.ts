import { HttpStatus, Injectable } from '@nestjs/common';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import {
  DeliveryMethodKey,
  LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE,
  type LossClaimDisputeRequest,
  lossClaimDisputeWorkflowId,
  OfficeIdKey,
  OverdueKey,
  type RenewalInput,
  type RenewalOpened,
  openRenewalUpdate,
  renewalDetails,
  RENEWAL_WORKFLOW_TYPE,
  RenewalStageKey,
  type RenewalStatus,
  renewalSummary,
  renewalWorkflowId,
  SlaBreachedKey,
  statusQuery,
} from '../../../workflows/contract';
import type { TemporalConfig } from '../../config/temporal';
import { InjectConfig } from '../config-module/config.tokens';
import { ProblemException } from '../shared/problems/problem';
import { InjectTemporalClient } from './temporal-client.token';

/** A status query is answered by a worker at once, or the worker is down. */
const QUERY_DEADLINE_MS = 5_000;
/** An update may wait for activities (a handover is recorded in the registry before it answers). */
const UPDATE_DEADLINE_MS = 20_000;

/**
 * The API's calls to renewal workflows, each with a deadline so a request never
 * hangs on a missing worker: past it the caller gets a 503, and a retry with
 * the same Idempotency-Key reuses the update id, which Temporal runs only once.
 * Workflows start on the configured task queue (TEMPORAL_TASK_QUEUE).
 */
@Injectable()
export class RenewalWorkflows {
  private readonly taskQueue: string;

  constructor(
    @InjectTemporalClient() private readonly client: Client,
    @InjectConfig('temporal') temporal: TemporalConfig,
  ) {
    this.taskQueue = temporal.taskQueue;
  }

  /**
   * Starts the renewal and waits, at most `waitMs`, for its eligibility outcome,
   * in one call (update-with-start). A retry of the same request (same update id)
   * finds the renewal running and gets the same answer. `undefined` when the
   * answer did not come in time (a busy or absent worker) or the renewal has
   * already ended: the renewal has started either way, and the read model says
   * where it is.
   */
  async open(input: RenewalInput, updateId: string, waitMs: number): Promise<RenewalOpened | undefined> {
    const startWorkflowOperation = new WithStartWorkflowOperation(RENEWAL_WORKFLOW_TYPE, {
      ...this.startOptions(input),
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    try {
      return await this.within(waitMs, () =>
        this.client.workflow.executeUpdateWithStart(openRenewalUpdate, { updateId, startWorkflowOperation }),
      );
    } catch (error) {
      const unanswered =
        error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
        error instanceof WorkflowExecutionAlreadyStartedError ||
        // e.g. a worker of the previous release, which does not know the update, during a rolling deploy.
        error instanceof WorkflowUpdateFailedError;
      if (!unanswered) throw error;
      // The call may have ended before the server said whether it started the workflow: make sure.
      await this.start(input);
      return undefined;
    }
  }

  /** Starts the renewal; a workflow already started for this id (by an earlier attempt) is fine. */
  async start(input: RenewalInput): Promise<void> {
    try {
      await this.within(UPDATE_DEADLINE_MS, () =>
        this.client.workflow.start(RENEWAL_WORKFLOW_TYPE, this.startOptions(input)),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Starts disputing a loss claim; one workflow per claim, so a second report of the contradiction is a no-op. */
  async startLossClaimDispute(request: LossClaimDisputeRequest): Promise<void> {
    try {
      await this.within(QUERY_DEADLINE_MS, () =>
        this.client.workflow.start(LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE, {
          workflowId: lossClaimDisputeWorkflowId(request.claimKey),
          taskQueue: this.taskQueue,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [request],
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  private startOptions(input: RenewalInput) {
    return {
      workflowId: renewalWorkflowId(input.renewalId),
      taskQueue: this.taskQueue,
      // A renewal id names one workflow for good, even after it has finished.
      workflowIdReusePolicy: 'REJECT_DUPLICATE' as const,
      args: [input] as [RenewalInput],
      // What the Temporal UI's list and page show of it: ids and office only, never personal data.
      staticSummary: renewalSummary(input),
      staticDetails: renewalDetails(input),
      // What an operator scans in the UI's list (its columns), from the first moment; the flags false rather
      // than unset, so their columns say `false` and `Overdue = false` finds a renewal that is on time.
      typedSearchAttributes: [
        { key: RenewalStageKey, value: 'ELIGIBILITY_CHECK' },
        { key: DeliveryMethodKey, value: 'PICKUP' },
        { key: OfficeIdKey, value: input.officeId },
        { key: SlaBreachedKey, value: false },
        { key: OverdueKey, value: false },
      ],
    };
  }

  status(renewalId: string): Promise<RenewalStatus> {
    return this.within(QUERY_DEADLINE_MS, () => this.handle(renewalId).query(statusQuery));
  }

  /** Callers have found the renewal in the read model first, so a missing workflow is one that has ended. */
  async update<Ret, Arg>(
    renewalId: string,
    update: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
    updateId: string,
  ): Promise<Ret> {
    try {
      return await this.within(UPDATE_DEADLINE_MS, () =>
        this.handle(renewalId).executeUpdate(update, { args: [arg], updateId }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'renewal-ended',
        'The renewal has ended',
        'It takes no more actions',
      );
    }
  }

  signal<Args extends unknown[]>(renewalId: string, signal: SignalDefinition<Args>, ...args: Args): Promise<void> {
    return this.within(QUERY_DEADLINE_MS, () => this.handle(renewalId).signal(signal, ...args));
  }

  private handle(renewalId: string) {
    return this.client.workflow.getHandle(renewalWorkflowId(renewalId));
  }

  private within<T>(ms: number, call: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + ms, call);
  }
}
