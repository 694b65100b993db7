import { HttpCivilRegistry } from '../../../src/integrations/civil-registry/http';
import { HttpPrintCentre } from '../../../src/integrations/print-centre/http';
import { HttpSadad } from '../../../src/integrations/sadad/http';
import { HttpSaudiPost } from '../../../src/integrations/saudi-post/http';
import { HttpSmsGateway } from '../../../src/integrations/sms/http';
import { HttpWasel } from '../../../src/integrations/wasel/http';
import { OLAYA_ADDRESS, SEEDED_CITIZEN } from '../../support/fixtures';
import { StubPartner } from '../../support/stub-partner';

// The seeded citizen as the registry sends them: the passport number in lower case and the mobile in the local
// form, both of which the adapter normalises.
const { nationalId, nameAr, nameEn, dateOfBirth } = SEEDED_CITIZEN;
const FACTS = {
  nationalId,
  isCitizen: true,
  dateOfBirth,
  travelBan: false,
  unpaidFinesSar: 0,
  biometricsOnRecord: true,
  currentPassport: { passportNumber: 'n1234567', status: 'VALID', expiresOn: '2026-12-20' },
};
const PROFILE = { nationalId, nameAr, nameEn, dateOfBirth, mobile: '0501234567', photoRef: 'NICPH-000001' };
/** As Wasel sends it: the short address in lower case, which the adapter normalises. */
const ADDRESS = { ...OLAYA_ADDRESS, shortAddress: OLAYA_ADDRESS.shortAddress!.toLowerCase() };
const BILL = { billNumber: '700100000001', amountSar: 335, status: 'UNPAID', expiresAt: '2026-12-01T09:00:00+03:00' };
const JOB = {
  jobKey: 'r/issue-1/print-1',
  status: 'PRINTED',
  passportNumber: 'X10000001',
  issuedOn: '2026-11-28',
  expiresOn: '2031-11-27',
};
const SHIPMENT = {
  shipmentKey: 'r/issue-1/shipment',
  trackingNumber: 'RR400000015SA',
  envelopeBarcode: 'PE0101',
  status: 'ACCEPTED',
};

/**
 * What the HTTP adapters make of a partner's answer: well-formed data is
 * normalised through the domain value objects; malformed data is a typed,
 * non-retryable failure naming the field, never a crash and never the value.
 */
describe('HTTP adapters reading partner data', () => {
  let stub: StubPartner;
  let config: { baseUrl: string; timeoutMs: number };

  beforeAll(async () => {
    stub = await StubPartner.start();
    config = { baseUrl: stub.url, timeoutMs: 2_000 };
  });

  afterAll(() => stub.close());

  async function malformed(call: () => Promise<unknown>, body: unknown, field: string, type = 'MalformedPartnerData') {
    stub.answer = { status: 200, body };
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ type, kind: 'permanent', details: expect.objectContaining({ field }) });
    return error as Error;
  }

  it('normalises what the registry sends: E.164 mobile, uppercase passport number, Arabic unless told', async () => {
    const registry = new HttpCivilRegistry(config);
    stub.answer = { status: 200, body: PROFILE };
    await expect(registry.lookUpProfile('1058529940')).resolves.toMatchObject({
      mobile: '+966501234567',
      preferredLanguage: 'ar',
    });
    stub.answer = { status: 200, body: { ...PROFILE, preferredLanguage: 'en' } };
    await expect(registry.lookUpProfile('1058529940')).resolves.toMatchObject({ preferredLanguage: 'en' });
    stub.answer = { status: 200, body: FACTS };
    await expect(registry.lookUpCitizen('1058529940')).resolves.toMatchObject({
      currentPassport: { passportNumber: 'N1234567' },
    });
    // The national ID travels in the body, not in the URL.
    expect(stub.requests.at(-1)).toMatchObject({ url: '/v1/citizens/lookup', body: '{"nationalId":"1058529940"}' });
  });

  it('refuses malformed registry data, naming the field', async () => {
    const registry = new HttpCivilRegistry(config);
    const lookUp = () => registry.lookUpCitizen('1058529940');
    await malformed(lookUp, { ...FACTS, travelBan: 'no' }, 'travelBan');
    await malformed(lookUp, { ...FACTS, dateOfBirth: '14/03/1985' }, 'dateOfBirth');
    await malformed(lookUp, { ...FACTS, nationalId: '1058529941' }, 'nationalId');
    await malformed(
      lookUp,
      { ...FACTS, currentPassport: { ...FACTS.currentPassport, status: 'GONE' } },
      'currentPassport.status',
    );
    await malformed(lookUp, [FACTS], 'body');
    const error = await malformed(
      () => registry.lookUpProfile('1058529940'),
      { ...PROFILE, mobile: '12345' },
      'mobile',
    );
    expect(error.message).not.toContain('12345');
    await malformed(
      () => registry.lookUpProfile('1058529940'),
      { ...PROFILE, preferredLanguage: 'fr' },
      'preferredLanguage',
    );
  });

  it('refuses an unusable national address from Wasel as MalformedAddress, naming the part', async () => {
    const wasel = new HttpWasel(config);
    stub.answer = { status: 200, body: { status: 'FOUND', address: ADDRESS } };
    await expect(wasel.lookUpAddress('1058529940')).resolves.toEqual({
      status: 'FOUND',
      address: OLAYA_ADDRESS,
    });
    const lookUp = () => wasel.lookUpAddress('1058529940');
    const bad = await malformed(
      lookUp,
      { status: 'FOUND', address: { ...ADDRESS, buildingNumber: '82' } },
      'address.buildingNumber',
      'MalformedAddress',
    );
    expect(bad.message).not.toContain('"82"');
    await malformed(
      lookUp,
      { status: 'FOUND', address: { ...ADDRESS, postalCode: '02214' } },
      'address.postalCode',
      'MalformedAddress',
    );
    await malformed(lookUp, { status: 'FOUND' }, 'address');
    await malformed(lookUp, { status: 'MAYBE' }, 'status');
  });

  it('refuses malformed bills, print jobs, shipments, claims and SMS receipts, naming the field', async () => {
    const sadad = new HttpSadad(config);
    await malformed(() => sadad.getBill('700100000001'), { ...BILL, amountSar: '335' }, 'amountSar');
    await malformed(() => sadad.getBill('700100000001'), { ...BILL, status: 'PAID' }, 'paidAt');
    await malformed(() => sadad.getBill('700100000001'), { ...BILL, expiresAt: 'tomorrow' }, 'expiresAt');

    const printCentre = new HttpPrintCentre(config);
    await malformed(() => printCentre.getJob(JOB.jobKey), { ...JOB, passportNumber: 'X 1000' }, 'passportNumber');
    await malformed(() => printCentre.getJob(JOB.jobKey), { jobKey: JOB.jobKey, status: 'PRINTED' }, 'passportNumber');

    const saudiPost = new HttpSaudiPost(config);
    await malformed(
      () => saudiPost.getShipment('RR400000015SA'),
      { ...SHIPMENT, trackingNumber: 'rr-1' },
      'trackingNumber',
    );
    await malformed(() => saudiPost.getShipment('RR400000015SA'), { ...SHIPMENT, status: 'SHIPPED' }, 'status');
    const claim = { claimKey: 'k', trackingNumber: 'RR400000015SA', liabilitySar: 300 };
    await malformed(
      () => saudiPost.openLossClaim(claim),
      { claimId: 'LC1', trackingNumber: 'RR400000015SA', liabilitySar: -1, status: 'OPEN' },
      'liabilitySar',
    );

    const sms = new HttpSmsGateway(config);
    await malformed(
      () => sms.send({ messageKey: 'k', to: '+966501234567', text: 'hi' }),
      { messageId: 'SM1', acceptedAt: 'now' },
      'acceptedAt',
    );
  });

  it('keys with slashes travel as one URL segment', async () => {
    stub.answer = { status: 200, body: JOB };
    await new HttpPrintCentre(config).getJob(JOB.jobKey);
    expect(stub.requests.at(-1)?.url).toBe('/v1/jobs/r%2Fissue-1%2Fprint-1');
  });
});
