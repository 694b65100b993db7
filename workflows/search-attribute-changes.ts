import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { workflowInfo } from '@temporalio/workflow';
import {
  type DeliveryMethod,
  DeliveryMethodKey,
  OfficeIdKey,
  OverdueKey,
  type RenewalStage,
  RenewalStageKey,
  SlaBreachedKey,
  StageDeadlineKey,
} from './contract';

interface Position {
  stage: RenewalStage;
  deadline?: Date;
  slaBreached: boolean;
  overdue: boolean;
}

/** Every search attribute of the renewal, at `position`. */
function allSearchAttributes(position: Position, method: DeliveryMethod, office: string): SearchAttributeUpdatePair[] {
  return [
    { key: RenewalStageKey, value: position.stage },
    { key: DeliveryMethodKey, value: method },
    { key: OfficeIdKey, value: office },
    { key: StageDeadlineKey, value: position.deadline ?? null },
    { key: SlaBreachedKey, value: position.slaBreached },
    { key: OverdueKey, value: position.overdue },
  ];
}

/**
 * Only the search attributes whose value differs from what the workflow holds
 * (set at its start by the API, or upserted since): each upsert is an event in
 * the history, and an attribute never set counts as null (no deadline) or false.
 */
export function changedSearchAttributes(
  position: Position,
  method: DeliveryMethod,
  office: string,
): SearchAttributeUpdatePair[] {
  const current = workflowInfo().typedSearchAttributes;
  return allSearchAttributes(position, method, office).filter(
    (pair) => comparable(current.get(pair.key)) !== comparable(pair.value),
  );
}

function comparable(value: unknown): unknown {
  if (value === undefined || value === null || value === false) return null;
  if (value instanceof Date) return value.getTime();
  return value;
}
