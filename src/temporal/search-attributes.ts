import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The renewal's custom search attributes (DESIGN.md section 4). They are not
 * encrypted, so they carry no personal data: only the stage, the delivery
 * method, the office, the current stage's deadline and whether the 24-hour
 * delivery SLA was breached. Imported by the workflow (to upsert), the API (to
 * filter) and the dev-server launcher (to register them).
 */
export const RenewalStageKey = defineSearchAttributeKey('RenewalStage', SearchAttributeType.KEYWORD);
export const DeliveryMethodKey = defineSearchAttributeKey('DeliveryMethod', SearchAttributeType.KEYWORD);
export const OfficeIdKey = defineSearchAttributeKey('OfficeId', SearchAttributeType.KEYWORD);
export const StageDeadlineKey = defineSearchAttributeKey('StageDeadline', SearchAttributeType.DATETIME);
export const SlaBreachedKey = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);

export const RENEWAL_SEARCH_ATTRIBUTES = [
  RenewalStageKey,
  DeliveryMethodKey,
  OfficeIdKey,
  StageDeadlineKey,
  SlaBreachedKey,
] as const;

/** The type names the `temporal` CLI expects for `--search-attribute Name=Type`. */
const CLI_TYPE_NAMES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.BOOL]: 'Bool',
};

export function searchAttributeCliArgs(): string[] {
  return RENEWAL_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE_NAMES[key.type]}`]);
}
