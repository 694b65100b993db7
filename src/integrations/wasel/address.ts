import { nationalAddressProblems, parseNationalAddress } from '../../domain/national-address';
import { permanentFailure } from '../errors';
import type { NationalAddressRecord } from './port';

/**
 * The national address Wasel holds, checked part by part: an address the
 * carrier could not deliver to is a `MalformedAddress` failure naming the first
 * bad part (never its value), not something to retry.
 */
export function toNationalAddressRecord(raw: unknown): NationalAddressRecord {
  const [problem] = nationalAddressProblems(raw, 'address');
  if (problem) {
    throw permanentFailure('MalformedAddress', `Wasel holds an unusable national address: ${problem.message}`, {
      system: 'wasel',
      field: problem.field,
    });
  }
  const address = parseNationalAddress(raw);
  return {
    buildingNumber: address.buildingNumber,
    street: address.street,
    district: address.district,
    city: address.city,
    postalCode: address.postalCode,
    additionalNumber: address.additionalNumber,
    ...(address.unitNumber ? { unitNumber: address.unitNumber } : {}),
    ...(address.shortAddress ? { shortAddress: address.shortAddress } : {}),
  };
}
