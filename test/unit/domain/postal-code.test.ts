import { isPostalCode, parsePostalCode, postalCodeProblem, postalRegionDigit } from '../../../src/domain/postal-code';
import { DomainValidationError } from '../../../src/domain/validation-error';

describe('postal code', () => {
  it.each([
    ['12214', 1],
    ['11564', 1],
    ['21589', 2],
    ['31952', 3],
    ['84321', 8],
  ])('accepts %s in region %i', (code, region) => {
    expect(postalCodeProblem(code)).toBeUndefined();
    expect(isPostalCode(code)).toBe(true);
    const parsed = parsePostalCode(code);
    expect(parsed).toBe(code);
    expect(postalRegionDigit(parsed)).toBe(region);
  });

  it.each([
    ['02214', 'must start with a region digit from 1 to 8'],
    ['92214', 'must start with a region digit from 1 to 8'],
    ['1221', 'must be exactly 5 digits'],
    ['122145', 'must be exactly 5 digits'],
    ['1221a', 'must be exactly 5 digits'],
    ['12 214', 'must be exactly 5 digits'],
    [' 12214', 'must be exactly 5 digits'],
    ['12214-3890', 'must be exactly 5 digits'],
    ['', 'must be exactly 5 digits'],
  ])('rejects %j: %s', (code, message) => {
    expect(postalCodeProblem(code)).toBe(message);
    expect(isPostalCode(code)).toBe(false);
    expect(() => parsePostalCode(code)).toThrow(message);
  });

  it('is not fooled by a number', () => {
    expect(isPostalCode(12214)).toBe(false);
  });

  it('names the field and a stable reason in the error', () => {
    try {
      parsePostalCode('92214', 'delivery.postalCode');
      throw new Error('expected a DomainValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainValidationError);
      expect(error).toMatchObject({ field: 'delivery.postalCode', reason: 'invalid_postal_code' });
      expect((error as Error).message).toBe('delivery.postalCode must start with a region digit from 1 to 8');
    }
  });

  it('defaults the field to postalCode', () => {
    expect(() => parsePostalCode('1')).toThrow(expect.objectContaining({ field: 'postalCode' }));
  });
});
