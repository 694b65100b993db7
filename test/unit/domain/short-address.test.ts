import { isShortAddress, parseShortAddress, shortAddressProblem } from '../../../src/domain/short-address';
import { DomainValidationError } from '../../../src/domain/validation-error';

describe('short address', () => {
  it.each([
    ['RRRD2929', 'RRRD2929'],
    ['rrrd2929', 'RRRD2929'],
    ['RrRd2929', 'RRRD2929'],
    ['JEDA1234', 'JEDA1234'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(shortAddressProblem(input)).toBeUndefined();
    expect(parseShortAddress(input)).toBe(normalised);
    expect(isShortAddress(normalised)).toBe(true);
  });

  it.each([
    ['RRR2929'],
    ['RRRDD2929'],
    ['RRRD292'],
    ['RRRD29290'],
    ['RRRD 2929'],
    ['2929RRRD'],
    [' RRRD2929'],
    ['RRÉD2929'],
    [''],
  ])('rejects %j', (input) => {
    expect(shortAddressProblem(input)).toBe('must be 4 letters followed by 4 digits, e.g. RRRD2929');
    expect(isShortAddress(input)).toBe(false);
    expect(() => parseShortAddress(input)).toThrow('must be 4 letters followed by 4 digits');
  });

  it('treats only the uppercase form as a ShortAddress', () => {
    expect(isShortAddress('rrrd2929')).toBe(false);
  });

  it('names the field and a stable reason in the error', () => {
    try {
      parseShortAddress('RRRD 2929', 'wasel.shortAddress');
      throw new Error('expected a DomainValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect(error).toMatchObject({ field: 'wasel.shortAddress', reason: 'invalid_short_address' });
    }
  });

  it('defaults the field to shortAddress', () => {
    expect(() => parseShortAddress('x')).toThrow(expect.objectContaining({ field: 'shortAddress' }));
  });
});
