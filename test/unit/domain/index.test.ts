import * as domain from '../../../src/domain';

describe('domain index', () => {
  it.each([
    'DomainValidationError',
    'parseNationalId',
    'parseMobile',
    'maskMobile',
    'parsePostalCode',
    'postalRegionDigit',
    'parseShortAddress',
    'parseNationalAddress',
    'nationalAddressProblems',
    'formatNationalAddress',
    'parsePassportNumber',
  ])('re-exports %s', (name) => {
    expect(domain).toHaveProperty(name, expect.any(Function));
  });
});
