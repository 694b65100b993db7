import {
  formatNationalAddress,
  isNationalAddress,
  nationalAddressProblems,
  parseNationalAddress,
} from '../../../src/domain/national-address';
import { parsePostalCode } from '../../../src/domain/postal-code';
import { parseShortAddress } from '../../../src/domain/short-address';
import { DomainValidationError } from '../../../src/domain/validation-error';
import { OLAYA_ADDRESS } from '../../support/fixtures';

// The seeded citizen's address without its optional short address: the required parts only.
const { shortAddress: _optional, ...olaya } = OLAYA_ADDRESS;

function thrown(fn: () => unknown): DomainValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainValidationError);
    return error as DomainValidationError;
  }
  throw new Error('expected a DomainValidationError');
}

describe('national address', () => {
  it('accepts a complete address and formats it the way Saudi Post does', () => {
    const address = parseNationalAddress(olaya);
    expect(address).toEqual(olaya);
    expect(isNationalAddress(address)).toBe(true);
    expect(nationalAddressProblems(olaya)).toEqual([]);
    expect(formatNationalAddress(address)).toBe('8228 King Fahd Road, Al Olaya, Riyadh 12214-3890');
  });

  it('keeps the optional unit and short address, placing the unit after the street', () => {
    const address = parseNationalAddress({ ...olaya, unitNumber: '12', shortAddress: 'RRRD2929' });
    expect(address).toEqual({ ...olaya, unitNumber: '12', shortAddress: 'RRRD2929' });
    expect(formatNationalAddress(address)).toBe('8228 King Fahd Road unit 12, Al Olaya, Riyadh 12214-3890');
  });

  it('trims every part and uppercases the short address', () => {
    const address = parseNationalAddress({
      buildingNumber: ' 8228 ',
      street: '  King Fahd Road ',
      district: '\tAl Olaya',
      city: 'Riyadh\n',
      postalCode: ' 12214',
      additionalNumber: '3890 ',
      unitNumber: ' 7 ',
      shortAddress: ' rrrd2929 ',
    });
    expect(address).toEqual({ ...olaya, unitNumber: '7', shortAddress: 'RRRD2929' });
    expect(isNationalAddress(address)).toBe(true);
  });

  it.each([
    ['missing', {}],
    ['undefined', { unitNumber: undefined, shortAddress: undefined }],
    ['null', { unitNumber: null, shortAddress: null }],
    ['blank', { unitNumber: ' ', shortAddress: '' }],
  ])('treats %s optional parts as absent', (_label, optional) => {
    const address = parseNationalAddress({ ...olaya, ...optional });
    expect(address).toEqual(olaya);
    expect(address).not.toHaveProperty('unitNumber');
    expect(address).not.toHaveProperty('shortAddress');
  });

  it('keeps Arabic text and counts characters, not UTF-16 units', () => {
    const address = parseNationalAddress({ ...olaya, street: 'طريق الملك فهد', district: 'العليا', city: 'الرياض' });
    expect(formatNationalAddress(address)).toBe('8228 طريق الملك فهد, العليا, الرياض 12214-3890');
    expect(parseNationalAddress({ ...olaya, city: '😀'.repeat(60) }).city).toHaveLength(120);
  });

  it('ignores parts it does not know', () => {
    expect(parseNationalAddress({ ...olaya, latitude: 24.69 })).toEqual(olaya);
  });

  it.each([
    ['buildingNumber', '822', 'invalid_building_number', 'address.buildingNumber must be exactly 4 digits'],
    ['buildingNumber', '82280', 'invalid_building_number', 'address.buildingNumber must be exactly 4 digits'],
    ['buildingNumber', 8228, 'invalid_building_number', 'address.buildingNumber must be a string'],
    ['buildingNumber', undefined, 'invalid_building_number', 'address.buildingNumber is required'],
    ['street', '', 'invalid_street', 'address.street is required'],
    ['street', '   ', 'invalid_street', 'address.street is required'],
    ['street', 'x'.repeat(101), 'invalid_street', 'address.street must be at most 100 characters'],
    ['street', 'King Fahd\nRoad', 'invalid_street', 'address.street must be a single line without control characters'],
    ['district', null, 'invalid_district', 'address.district is required'],
    ['district', 'y'.repeat(101), 'invalid_district', 'address.district must be at most 100 characters'],
    ['city', 'z'.repeat(61), 'invalid_city', 'address.city must be at most 60 characters'],
    ['city', ['Riyadh'], 'invalid_city', 'address.city must be a string'],
    ['postalCode', '92214', 'invalid_postal_code', 'address.postalCode must start with a region digit from 1 to 8'],
    ['postalCode', '1221', 'invalid_postal_code', 'address.postalCode must be exactly 5 digits'],
    ['postalCode', 12214, 'invalid_postal_code', 'address.postalCode must be a string'],
    ['additionalNumber', '389', 'invalid_additional_number', 'address.additionalNumber must be exactly 4 digits'],
    ['additionalNumber', '', 'invalid_additional_number', 'address.additionalNumber is required'],
    ['unitNumber', '12345', 'invalid_unit_number', 'address.unitNumber must be 1 to 4 digits'],
    ['unitNumber', '1A', 'invalid_unit_number', 'address.unitNumber must be 1 to 4 digits'],
    ['unitNumber', 12, 'invalid_unit_number', 'address.unitNumber must be a string'],
    [
      'shortAddress',
      'RRRD 2929',
      'invalid_short_address',
      'address.shortAddress must be 4 letters followed by 4 digits',
    ],
  ])('rejects %s = %j with %s', (part, value, reason, message) => {
    const input = { ...olaya, [part]: value };
    const error = thrown(() => parseNationalAddress(input));
    expect(error).toMatchObject({ field: `address.${part}`, reason });
    expect(error.message).toContain(message);
    expect(nationalAddressProblems(input)).toEqual([{ field: `address.${part}`, reason, message: error.message }]);
    expect(isNationalAddress(input)).toBe(false);
  });

  it('gives the same reasons as the standalone postal code and short address parsers', () => {
    expect(thrown(() => parsePostalCode('92214')).reason).toBe(
      thrown(() => parseNationalAddress({ ...olaya, postalCode: '92214' })).reason,
    );
    expect(thrown(() => parseShortAddress('RRRD')).reason).toBe(
      thrown(() => parseNationalAddress({ ...olaya, shortAddress: 'RRRD' })).reason,
    );
  });

  it('lists every problem in form order, and throws the first one', () => {
    const input = {
      buildingNumber: '82',
      street: '',
      district: 'Al Olaya',
      postalCode: '02214',
      additionalNumber: '3890',
      unitNumber: 'A',
      shortAddress: 'RRRD29',
    };
    expect(nationalAddressProblems(input)).toEqual([
      {
        field: 'address.buildingNumber',
        reason: 'invalid_building_number',
        message: 'address.buildingNumber must be exactly 4 digits',
      },
      { field: 'address.street', reason: 'invalid_street', message: 'address.street is required' },
      { field: 'address.city', reason: 'invalid_city', message: 'address.city is required' },
      {
        field: 'address.postalCode',
        reason: 'invalid_postal_code',
        message: 'address.postalCode must start with a region digit from 1 to 8',
      },
      {
        field: 'address.unitNumber',
        reason: 'invalid_unit_number',
        message: 'address.unitNumber must be 1 to 4 digits',
      },
      {
        field: 'address.shortAddress',
        reason: 'invalid_short_address',
        message: 'address.shortAddress must be 4 letters followed by 4 digits, e.g. RRRD2929',
      },
    ]);
    expect(thrown(() => parseNationalAddress(input))).toMatchObject({
      field: 'address.buildingNumber',
      reason: 'invalid_building_number',
    });
  });

  it('prefixes every path with the given field', () => {
    expect(nationalAddressProblems({ ...olaya, city: '' }, 'delivery.address')).toEqual([
      { field: 'delivery.address.city', reason: 'invalid_city', message: 'delivery.address.city is required' },
    ]);
    expect(thrown(() => parseNationalAddress({ ...olaya, postalCode: '9' }, 'wasel'))).toMatchObject({
      field: 'wasel.postalCode',
    });
  });

  it.each([[null], [undefined], ['8228 King Fahd Road'], [[olaya]], [42]])('rejects %j as a whole', (input) => {
    expect(nationalAddressProblems(input)).toEqual([
      { field: 'address', reason: 'invalid_national_address', message: 'address must be an object' },
    ]);
    expect(thrown(() => parseNationalAddress(input))).toMatchObject({
      field: 'address',
      reason: 'invalid_national_address',
    });
    expect(isNationalAddress(input)).toBe(false);
  });

  it('treats only the normalised form as a NationalAddress', () => {
    expect(isNationalAddress({ ...olaya, street: ' King Fahd Road' })).toBe(false);
    expect(isNationalAddress({ ...olaya, shortAddress: 'rrrd2929' })).toBe(false);
    expect(isNationalAddress({ ...olaya, unitNumber: '' })).toBe(false);
    expect(isNationalAddress({ ...olaya, shortAddress: 'RRRD2929' })).toBe(true);
  });
});
