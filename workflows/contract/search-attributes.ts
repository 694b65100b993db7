import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The renewal's custom search attributes (docs/design.md §5). They are not
 * encrypted, so they carry no personal data: only the stage, the delivery
 * method, the office, the current stage's deadline, whether the 24-hour
 * delivery SLA was breached and whether the current stage is overdue (past its
 * deadline, operators alerted; cleared when the stage changes). Imported by the workflow (to upsert) and the API (to
 * filter); kept free of server-side imports so the workflow bundle stays small.
 */
export const RenewalStageKey = defineSearchAttributeKey('RenewalStage', SearchAttributeType.KEYWORD);
export const DeliveryMethodKey = defineSearchAttributeKey('DeliveryMethod', SearchAttributeType.KEYWORD);
export const OfficeIdKey = defineSearchAttributeKey('OfficeId', SearchAttributeType.KEYWORD);
export const StageDeadlineKey = defineSearchAttributeKey('StageDeadline', SearchAttributeType.DATETIME);
export const SlaBreachedKey = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
export const OverdueKey = defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL);

export const RENEWAL_SEARCH_ATTRIBUTES = [
  RenewalStageKey,
  DeliveryMethodKey,
  OfficeIdKey,
  StageDeadlineKey,
  SlaBreachedKey,
  OverdueKey,
] as const;
