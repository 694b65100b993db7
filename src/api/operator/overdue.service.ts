import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import {
  type DeliveryMethod,
  DeliveryMethodKey,
  OfficeIdKey,
  OverdueKey,
  RENEWAL_WORKFLOW_TYPE,
  type RenewalStage,
  RenewalStageKey,
  renewalWorkflowId,
  SlaBreachedKey,
  StageDeadlineKey,
} from '../../../workflows/contract';
import { InjectTemporalClient } from '../temporal-module/temporal.module';
import { OverdueRenewalView } from './dto/operator.dto';

const WORKFLOW_ID_PREFIX = renewalWorkflowId('');
const MAX_RESULTS = 200;

/**
 * "Stuck past its deadline", asked of Temporal's visibility store exactly as an
 * operator would in the Temporal UI (docs/design.md §5), so both agree.
 */
@Injectable()
export class OverdueService {
  constructor(@InjectTemporalClient() private readonly temporal: Client) {}

  /** The visibility query; `stage` is one of RENEWAL_STAGES (validated), so it is safe to quote. */
  static visibilityQuery(stage: RenewalStage, now: Date): string {
    return (
      `WorkflowType = '${RENEWAL_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND ` +
      `${RenewalStageKey.name} = '${stage}' AND ${StageDeadlineKey.name} < '${now.toISOString()}'`
    );
  }

  async overdue(stage: RenewalStage): Promise<OverdueRenewalView[]> {
    const found: OverdueRenewalView[] = [];
    for await (const execution of this.temporal.workflow.list({
      query: OverdueService.visibilityQuery(stage, new Date()),
    })) {
      const attributes = execution.typedSearchAttributes;
      found.push({
        renewalId: execution.workflowId.slice(WORKFLOW_ID_PREFIX.length),
        stage: attributes.get(RenewalStageKey) as RenewalStage,
        deliveryMethod: attributes.get(DeliveryMethodKey) as DeliveryMethod | undefined,
        officeId: attributes.get(OfficeIdKey),
        stageDeadline: attributes.get(StageDeadlineKey)!.toISOString(),
        slaBreached: attributes.get(SlaBreachedKey) ?? false,
        overdue: attributes.get(OverdueKey) ?? false,
      });
      if (found.length >= MAX_RESULTS) break;
    }
    return found.sort((a, b) => a.stageDeadline.localeCompare(b.stageDeadline));
  }
}
