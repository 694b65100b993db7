import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { RENEWAL_SEARCH_ATTRIBUTES } from '../../workflows/contract';

/** The type names the `temporal` CLI expects for `--search-attribute Name=Type`. */
const CLI_TYPE_NAMES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.BOOL]: 'Bool',
};

export function searchAttributeCliArgs(): string[] {
  return RENEWAL_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE_NAMES[key.type]}`]);
}

const INDEXED_VALUE_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  [SearchAttributeType.KEYWORD]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  [SearchAttributeType.DATETIME]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  [SearchAttributeType.BOOL]: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/**
 * Registers the attributes through the operator API, for servers started
 * without them (the time-skipping test server, a fresh cluster). Registering an
 * attribute that already exists with the same type is accepted by the server.
 */
export async function registerSearchAttributes(
  operatorService: {
    addSearchAttributes(request: temporal.api.operatorservice.v1.IAddSearchAttributesRequest): Promise<unknown>;
  },
  namespace: string,
): Promise<void> {
  await operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      RENEWAL_SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]]),
    ),
  });
}
