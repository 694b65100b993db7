import { WireReader, type FieldProblem } from '../http/wire-reader';
import { toNationalAddressRecord } from './address';
import type { AddressLookup } from './port';

/**
 * Wasel's look-up answer (docs/integrations.md). The document's shape is
 * `MalformedPartnerData` when wrong; the address inside is checked against the
 * national address rules and is `MalformedAddress` when unusable.
 */
export function readAddressLookup(body: unknown, problem: FieldProblem): AddressLookup {
  const lookup = WireReader.of(body, problem);
  const status = lookup.oneOf('status', ['FOUND', 'NOT_SUBSCRIBED'] as const);
  if (status === 'NOT_SUBSCRIBED') return { status };
  lookup.object('address');
  return { status, address: toNationalAddressRecord(lookup.raw('address')) };
}
