import { hasValidLuhnCheckDigit, isNationalId, parseNationalId, withCheckDigit } from '../../../src/domain/national-id';
import { DomainValidationError } from '../../../src/domain/validation-error';

describe('national ID', () => {
  it.each(['1058529940', '1000000008'])('accepts the valid citizen ID %s', (id) => {
    expect(isNationalId(id)).toBe(true);
    expect(parseNationalId(id)).toBe(id);
  });

  it.each([
    ['1058529941', 'has an invalid check digit'],
    ['105852994', 'must be exactly 10 digits'],
    ['10585299400', 'must be exactly 10 digits'],
    ['10585a9940', 'must be exactly 10 digits'],
    [' 1058529940', 'must be exactly 10 digits'],
    ['2000000006', 'belongs to a resident'],
    ['3000000004', 'must start with 1'],
    ['', 'must be exactly 10 digits'],
  ])('rejects %j: %s', (id, message) => {
    expect(isNationalId(id)).toBe(false);
    expect(() => parseNationalId(id)).toThrow(message);
  });

  it('names the field and a stable reason in the error', () => {
    try {
      parseNationalId('1058529941', 'citizen.nationalId');
      throw new Error('expected a DomainValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect(error).toMatchObject({ field: 'citizen.nationalId', reason: 'invalid_national_id' });
    }
  });

  it('computes Luhn over every digit', () => {
    expect(hasValidLuhnCheckDigit('79927398713')).toBe(true);
    expect(hasValidLuhnCheckDigit('79927398710')).toBe(false);
    expect(isNationalId(1058529940)).toBe(false);
  });

  it('completes nine digits with the check digit', () => {
    expect(withCheckDigit('105852994')).toBe('1058529940');
    expect(withCheckDigit('100000000')).toBe('1000000008');
    expect(() => withCheckDigit('12345')).toThrow('nine digits');
  });
});
