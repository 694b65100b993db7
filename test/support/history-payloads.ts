import type { Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

export interface FoundPayload {
  /** Where in the history, e.g. `events.0.workflowExecutionStartedEventAttributes.input.payloads.0`. */
  path: string;
  payload: Payload;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);

/**
 * Every payload anywhere in a history, found by shape (an object with a
 * `metadata.encoding`), so none is missed whatever event holds it: inputs,
 * results, signals, updates, markers, memo, failure details, search attributes.
 */
export function payloadsIn(history: temporal.api.history.v1.IHistory): FoundPayload[] {
  const found: FoundPayload[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}.${i}`));
    if (!isObject(value)) return;
    const metadata = value.metadata;
    if (isObject(metadata) && metadata.encoding !== undefined) {
      found.push({ path, payload: value as Payload });
      return;
    }
    for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(history, '');
  return found;
}

export const encodingOf = (payload: Payload) => Buffer.from(payload.metadata!.encoding!).toString('utf8');

/** Search attributes are indexed by the server, so no codec touches them (and they hold no personal data). */
export const isSearchAttribute = ({ path }: FoundPayload) => /\.(searchAttributes|indexedFields)\./.test(path);

/**
 * The SDK core's own bookkeeping in a marker, which it writes without the
 * codec: a local activity's `data` (its type, sequence, attempt and times) and
 * a patch's `patch-data` (its id). Never an input or a result of ours.
 */
export const isCoreMarkerData = ({ path }: FoundPayload) =>
  /markerRecordedEventAttributes\.details\.(data|patch-data)\./.test(path);
