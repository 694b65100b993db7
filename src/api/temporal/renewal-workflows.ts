import { HttpStatus, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import {
  DeliveryMethodKey,
  type LossClaimDisputeRequest,
  lossClaimDisputeWorkflowId,
  OfficeIdKey,
  type RenewalInput,
  renewalDetails,
  RenewalStageKey,
  type RenewalStatus,
  renewalSummary,
  renewalWorkflowId,
  statusQuery,
} from '../../../workflows/contract';
import { ProblemException } from '../common/problem';
import { InjectTemporalClient } from './temporal-client.token';

/** A status query is answered by a worker at once, or the worker is down. */
const QUERY_DEADLINE_MS = 5_000;
/** An update may wait for activities (a handover is recorded in the registry before it answers). */
const UPDATE_DEADLINE_MS = 20_000;

/**
 * The API's calls to renewal workflows, each with a deadline so a request never
 * hangs on a missing worker: past it the caller gets a 503, and a retry with
 * the same Idempotency-Key reuses the update id, which Temporal runs only once.
 */
@Injectable()
export class RenewalWorkflows {
  constructor(@InjectTemporalClient() private readonly client: Client) {}

  /** Starts the renewal; a workflow already started for this id (by an earlier attempt) is fine. */
  async start(taskQueue: string, input: RenewalInput): Promise<void> {
    try {
      await this.client.workflow.start('passportRenewal', {
        workflowId: renewalWorkflowId(input.renewalId),
        taskQueue,
        // A renewal id names one workflow for good, even after it has finished.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
        // What the Temporal UI's list and page show of it: ids and office only, never personal data.
        staticSummary: renewalSummary(input),
        staticDetails: renewalDetails(input),
        typedSearchAttributes: [
          { key: RenewalStageKey, value: 'ELIGIBILITY_CHECK' },
          { key: DeliveryMethodKey, value: 'PICKUP' },
          { key: OfficeIdKey, value: input.officeId },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** Starts disputing a loss claim; one workflow per claim, so a second report of the contradiction is a no-op. */
  async startLossClaimDispute(taskQueue: string, request: LossClaimDisputeRequest): Promise<void> {
    try {
      await this.within(QUERY_DEADLINE_MS, () =>
        this.client.workflow.start('lossClaimDispute', {
          workflowId: lossClaimDisputeWorkflowId(request.claimKey),
          taskQueue,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [request],
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
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
