import { isPassportNumber, parsePassportNumber, passportNumberProblem } from '../../../src/domain/passport-number';
import { DomainValidationError } from '../../../src/domain/validation-error';

describe('passport number', () => {
  it.each([
    ['A12345', 'A12345'],
    ['W1234567', 'W1234567'],
    ['w1234567', 'W1234567'],
    ['ab1234567', 'AB1234567'],
    ['123456', '123456'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(passportNumberProblem(input)).toBeUndefined();
    expect(parsePassportNumber(input)).toBe(normalised);
    expect(isPassportNumber(normalised)).toBe(true);
  });

  it.each([
    ['W123 4567', 'must not contain spaces'],
    ['W1234567 ', 'must not contain spaces'],
    ['W\t1234567', 'must not contain spaces'],
    ['A1234', 'must be 6 to 9 letters or digits'],
    ['A123456789', 'must be 6 to 9 letters or digits'],
    ['W-1234567', 'must be 6 to 9 letters or digits'],
    ['Wأ123456', 'must be 6 to 9 letters or digits'],
    ['', 'must be 6 to 9 letters or digits'],
  ])('rejects %j: %s', (input, message) => {
    expect(passportNumberProblem(input)).toBe(message);
    expect(isPassportNumber(input)).toBe(false);
    expect(() => parsePassportNumber(input)).toThrow(message);
  });

  it('treats only the uppercase form as a PassportNumber', () => {
    expect(isPassportNumber('w1234567')).toBe(false);
    expect(isPassportNumber(1234567)).toBe(false);
  });

  it('names the field and a stable reason in the error', () => {
    try {
      parsePassportNumber('W123 4567', 'presentedPassportNumber');
      throw new Error('expected a DomainValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect(error).toMatchObject({ field: 'presentedPassportNumber', reason: 'invalid_passport_number' });
      expect((error as Error).message).toBe('presentedPassportNumber must not contain spaces');
    }
  });

  it('defaults the field to passportNumber', () => {
    expect(() => parsePassportNumber('x')).toThrow(expect.objectContaining({ field: 'passportNumber' }));
  });
});
