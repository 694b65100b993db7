import { isMobile, maskMobile, Mobile, mobileProblem, parseMobile } from '../../../src/domain/mobile';
import { DomainValidationError } from '../../../src/domain/validation-error';

describe('mobile', () => {
  it.each([
    ['+966501234567', '+966501234567'],
    ['966501234567', '+966501234567'],
    ['00966501234567', '+966501234567'],
    ['0501234567', '+966501234567'],
    ['055 123 4567', '+966551234567'],
    ['055-123-4567', '+966551234567'],
    ['+966 55 123 4567', '+966551234567'],
    ['00966-59-876-5432', '+966598765432'],
  ])('accepts %j as %s', (input, e164) => {
    expect(mobileProblem(input)).toBeUndefined();
    expect(parseMobile(input)).toBe(e164);
    expect(isMobile(parseMobile(input))).toBe(true);
  });

  it.each([
    ['501234567', 'must be a Saudi mobile number'],
    ['05012345678', 'must be a Saudi mobile number'],
    ['050123456', 'must be a Saudi mobile number'],
    ['0112345678', 'must be a Saudi mobile number'],
    ['+966112345678', 'must be a Saudi mobile number'],
    ['+9660501234567', 'must be a Saudi mobile number'],
    ['+971501234567', 'must be a Saudi mobile number'],
    ['+0501234567', 'must be a Saudi mobile number'],
    ['050 123 456a', 'must contain only digits'],
    ['(050) 123 4567', 'must contain only digits'],
    ['050  123 4567', 'must contain only digits'],
    ['050--1234567', 'must contain only digits'],
    ['-0501234567', 'must contain only digits'],
    ['0501234567 ', 'must contain only digits'],
    ['+ 966501234567', 'must contain only digits'],
    ['', 'must contain only digits'],
  ])('rejects %j: %s', (input, message) => {
    expect(mobileProblem(input)).toContain(message);
    expect(isMobile(input)).toBe(false);
    expect(() => parseMobile(input)).toThrow(message);
  });

  it.each([['0501234567'], ['966501234567'], ['+966 50 123 4567'], [966501234567]])(
    'treats only the E.164 form %j as a Mobile',
    (value) => {
      expect(isMobile(value)).toBe(false);
    },
  );

  it('names the field and a stable reason in the error', () => {
    try {
      parseMobile('0112345678', 'citizen.mobile');
      throw new Error('expected a DomainValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect(error).toMatchObject({ field: 'citizen.mobile', reason: 'invalid_mobile' });
      expect((error as Error).message).toMatch(/^citizen\.mobile must be a Saudi mobile number/);
    }
  });

  it('defaults the field to mobile', () => {
    expect(() => parseMobile('123')).toThrow(expect.objectContaining({ field: 'mobile', reason: 'invalid_mobile' }));
  });

  it.each([
    ['0501234567', '+9665******67'],
    ['+966598765432', '+9665******32'],
  ])('masks %s as %s, showing only the last 2 digits', (input, masked) => {
    const mobile: Mobile = parseMobile(input);
    expect(maskMobile(mobile)).toBe(masked);
    expect(maskMobile(mobile)).toHaveLength(mobile.length);
  });
});
