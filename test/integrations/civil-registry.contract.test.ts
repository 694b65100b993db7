import { randomInt } from 'node:crypto';
import { SEEDED } from '../../dev/sandboxes/seed-people';
import { seedCitizen } from '../support/citizens';
import { expectPermanent } from '../support/integration-failures';
import { ADAPTER_KINDS, useHarness } from '../support/partner-harness';
import { TEST_CITIZEN, UNKNOWN_ID } from '../support/fixtures';

const newPassportNumber = () => `Z${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

describe.each(ADAPTER_KINDS)('civil registry contract (%s adapter)', (kind) => {
  const harness = useHarness();
  const registry = () => harness().adapters(kind).registry;

  async function printFor(nationalId: string): Promise<string> {
    const passportNumber = newPassportNumber();
    await registry().recordPrintedPassport({
      passportNumber,
      nationalId,
      issuedOn: '2026-11-28',
      expiresOn: '2036-11-27',
    });
    return passportNumber;
  }

  it('gives the facts eligibility needs, and nothing for an unknown person', async () => {
    await expect(registry().lookUpCitizen(SEEDED.lostPassport)).resolves.toEqual({
      nationalId: SEEDED.lostPassport,
      isCitizen: true,
      dateOfBirth: '1999-01-09',
      travelBan: false,
      unpaidFinesSar: 0,
      biometricsOnRecord: true,
      currentPassport: { passportNumber: 'S3332221', status: 'LOST', expiresOn: '2026-08-31' },
    });
    await expect(registry().lookUpCitizen(SEEDED.resident)).resolves.toMatchObject({ isCitizen: false });
    await expect(registry().lookUpCitizen(SEEDED.travelBan)).resolves.toMatchObject({ travelBan: true });
    await expect(registry().lookUpCitizen(SEEDED.unpaidFines)).resolves.toMatchObject({ unpaidFinesSar: 1500 });
    await expect(registry().lookUpCitizen(SEEDED.minorWithoutBiometrics)).resolves.toMatchObject({
      biometricsOnRecord: false,
    });
    const noPassport = await registry().lookUpCitizen(SEEDED.noPassport);
    expect(noPassport).toBeDefined();
    expect(noPassport).not.toHaveProperty('currentPassport');
    await expect(registry().lookUpCitizen(UNKNOWN_ID)).resolves.toBeUndefined();
  });

  it('gives the profile the citizen reviews, with the mobile in E.164 and the language to write in', async () => {
    const citizen = await seedCitizen(harness().db);
    await expect(registry().lookUpProfile(citizen.nationalId)).resolves.toEqual({
      nationalId: citizen.nationalId,
      ...TEST_CITIZEN,
      mobile: citizen.mobile,
      photoRef: expect.stringMatching(/^NICPH-/),
      preferredLanguage: 'ar',
    });
    const english = await seedCitizen(harness().db, { preferredLanguage: 'en' });
    await expect(registry().lookUpProfile(english.nationalId)).resolves.toMatchObject({ preferredLanguage: 'en' });
    await expect(registry().lookUpProfile(SEEDED.prefersEnglish)).resolves.toMatchObject({ preferredLanguage: 'en' });
    await expect(registry().lookUpProfile(SEEDED.validPassport)).resolves.toMatchObject({ preferredLanguage: 'ar' });
    await expect(registry().lookUpProfile(UNKNOWN_ID)).resolves.toBeUndefined();
  });

  it('reports a passport past its expiry date as expired', async () => {
    const citizen = await seedCitizen(harness().db);
    await harness().db.query(
      `UPDATE sandbox.registry_passports SET expires_on = '2025-01-01' WHERE passport_number = $1`,
      [citizen.passportNumber],
    );
    await expect(registry().lookUpCitizen(citizen.nationalId)).resolves.toMatchObject({
      currentPassport: { passportNumber: citizen.passportNumber, status: 'EXPIRED' },
    });
  });

  it('records a printed passport as not yet valid, activates it on handover and cancels the old one', async () => {
    const citizen = await seedCitizen(harness().db);
    const printed = await printFor(citizen.nationalId);
    await registry().recordPrintedPassport({
      passportNumber: printed,
      nationalId: citizen.nationalId,
      issuedOn: '2026-11-28',
      expiresOn: '2036-11-27',
    });
    // Printed is not in the holder's hands: the old passport stays the current one.
    await expect(registry().lookUpCitizen(citizen.nationalId)).resolves.toMatchObject({
      currentPassport: { passportNumber: citizen.passportNumber, status: 'VALID' },
    });

    await registry().activatePassport(printed);
    await registry().activatePassport(printed);
    await registry().cancelPassport(citizen.passportNumber, 'replaced by renewal');
    await registry().cancelPassport(citizen.passportNumber, 'replaced by renewal');

    await expect(registry().lookUpCitizen(citizen.nationalId)).resolves.toMatchObject({
      currentPassport: { passportNumber: printed, status: 'VALID', expiresOn: '2036-11-27' },
    });
    const statuses = await harness().db.query(
      `SELECT passport_number, status FROM sandbox.registry_passports WHERE national_id = $1 ORDER BY issued_on`,
      [citizen.nationalId],
    );
    expect(statuses).toEqual(
      expect.arrayContaining([
        { passport_number: citizen.passportNumber, status: 'CANCELLED' },
        { passport_number: printed, status: 'VALID' },
      ]),
    );
  });

  it('voids a printed passport that never reached its holder, and it can no longer be activated', async () => {
    const citizen = await seedCitizen(harness().db);
    const printed = await printFor(citizen.nationalId);
    await registry().voidPassport(printed, 'lost in transit');
    await registry().voidPassport(printed, 'lost in transit');
    await expectPermanent(registry().activatePassport(printed), 'PassportNotActivatable');
    // Cancelling what is already void changes nothing and is not an error.
    await registry().cancelPassport(printed, 'operator cancellation');
    const [row] = await harness().db.query(`SELECT status FROM sandbox.registry_passports WHERE passport_number = $1`, [
      printed,
    ]);
    expect(row.status).toBe('VOIDED');
  });

  it('refuses what the registry would refuse, with a typed failure', async () => {
    const citizen = await seedCitizen(harness().db);
    await expectPermanent(registry().voidPassport(citizen.passportNumber, 'mistake'), 'PassportNotVoidable');
    await expectPermanent(registry().activatePassport('Q0000000'), 'PassportNotFound');
    await expectPermanent(registry().cancelPassport('Q0000000', 'no such passport'), 'PassportNotFound');
    await expectPermanent(
      registry().recordPrintedPassport({
        passportNumber: newPassportNumber(),
        nationalId: UNKNOWN_ID,
        issuedOn: '2026-11-28',
        expiresOn: '2036-11-27',
      }),
      'CitizenNotFound',
    );
    const other = await seedCitizen(harness().db);
    await expectPermanent(
      registry().recordPrintedPassport({
        passportNumber: citizen.passportNumber,
        nationalId: other.nationalId,
        issuedOn: '2026-11-28',
        expiresOn: '2036-11-27',
      }),
      'PassportNumberConflict',
    );
  });
});
