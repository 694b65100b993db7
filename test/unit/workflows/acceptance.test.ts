import {
  allowedValidityYears,
  DELIVERY_METHODS,
  type DeliveryMethod,
  feeFor,
  type Fees,
  VALIDITY_YEARS,
  type ValidityYears,
} from '../../../workflows/contract';
import { validateAcceptance } from '../../../workflows/eligibility';
import { DEFAULT_POLICY } from '../../../src/config/policy';

const FEES: Fees = { fiveYearsSar: 300, tenYearsSar: 600, postageSar: 35 };
const TODAY = new Date('2026-12-07T09:00:00Z');

describe('the acceptance terms', () => {
  it('offer ten years from the policy’s minimum age on, to the day', () => {
    expect(allowedValidityYears('2005-12-07', TODAY, 21)).toEqual([5, 10]);
    expect(allowedValidityYears('2005-12-08', TODAY, 21)).toEqual([5]);
    expect(allowedValidityYears('1970-01-01', TODAY, 21)).toEqual([5, 10]);
    expect(allowedValidityYears('2015-06-30', TODAY, 21)).toEqual([5]);
  });

  it('price the validity chosen and add postage only for home delivery', () => {
    expect(feeFor(5, 'PICKUP', FEES)).toEqual({ feeSar: 300, postageSar: 0, totalSar: 300 });
    expect(feeFor(10, 'PICKUP', FEES)).toEqual({ feeSar: 600, postageSar: 0, totalSar: 600 });
    expect(feeFor(5, 'POST', FEES)).toEqual({ feeSar: 300, postageSar: 35, totalSar: 335 });
    expect(feeFor(10, 'POST', FEES)).toEqual({ feeSar: 600, postageSar: 35, totalSar: 635 });
  });

  it('are what the workflow’s validator accepts: every offered validity and every delivery method passes', () => {
    const policy = DEFAULT_POLICY;
    for (const dateOfBirth of ['1980-01-01', '2005-12-07', '2005-12-08', '2014-02-28']) {
      const facts = {
        nationalId: '1000000008',
        isCitizen: true,
        dateOfBirth,
        travelBan: false,
        unpaidFinesSar: 0,
        biometricsOnRecord: true,
      };
      const offered = allowedValidityYears(dateOfBirth, TODAY, policy.minAgeForTenYears);
      for (const validityYears of VALIDITY_YEARS) {
        for (const method of DELIVERY_METHODS) {
          const request = {
            photoConfirmed: true,
            englishNameConfirmed: true,
            acceptedPledgeIds: [...policy.requiredPledgeIds],
            validityYears,
            delivery: method === 'PICKUP' ? { method, officeId: 'RUH-01' } : { method },
          };
          const check = () => validateAcceptance(request, facts, TODAY, policy);
          if (offered.includes(validityYears)) expect(check).not.toThrow();
          else expect(check).toThrow(`Under ${policy.minAgeForTenYears}, only a 5-year passport can be issued`);
        }
      }
    }
  });

  it('are refused by the validator when outside the tuples, with the messages the API has always given', () => {
    const facts = {
      nationalId: '1000000008',
      isCitizen: true,
      dateOfBirth: '1980-01-01',
      travelBan: false,
      unpaidFinesSar: 0,
      biometricsOnRecord: true,
    };
    const base = {
      photoConfirmed: true,
      englishNameConfirmed: true,
      acceptedPledgeIds: [...DEFAULT_POLICY.requiredPledgeIds],
      validityYears: 10 as ValidityYears,
      delivery: { method: 'POST' as const },
    };
    const validate = (request: object) => () =>
      validateAcceptance({ ...base, ...request } as typeof base, facts, TODAY, DEFAULT_POLICY);
    expect(validate({ validityYears: 7 })).toThrow('validityYears must be 5 or 10');
    expect(validate({ delivery: { method: 'DRONE' as DeliveryMethod } })).toThrow(
      'delivery.method must be PICKUP or POST',
    );
    expect(validate({ delivery: { method: 'PICKUP', officeId: 'RUH-1' } })).toThrow(
      'delivery.officeId is not a known office code',
    );
  });
});
