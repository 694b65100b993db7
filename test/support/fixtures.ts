import { withCheckDigit } from '../../src/domain/national-id';

/** A valid national ID that no seeded person has. */
export const UNKNOWN_ID = withCheckDigit('199999998');
