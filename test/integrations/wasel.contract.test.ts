import { DomainValidationError } from '../../src/domain/validation-error';
import { SEEDED } from '../../dev/sandboxes/seed-people';
import type { NationalAddressRecord } from '../../src/integrations/wasel/port';
import { seedCitizen } from '../support/citizens';
import { expectPermanent } from '../support/integration-failures';
import { ADAPTER_KINDS, useHarness } from '../support/partner-harness';
import { OLAYA_ADDRESS, UNKNOWN_ID } from '../support/fixtures';

const JEDDAH: NationalAddressRecord = {
  buildingNumber: '7431',
  street: 'Al Madinah Al Munawwarah Road',
  district: 'Ar Rawdah',
  city: 'Jeddah',
  postalCode: '23432',
  additionalNumber: '2765',
  unitNumber: '3',
  shortAddress: 'JRWA7431',
};

describe.each(ADAPTER_KINDS)('Wasel contract (%s adapter)', (kind) => {
  const harness = useHarness();
  const wasel = () => harness().adapters(kind).wasel;

  it('finds the national address of a subscribed citizen', async () => {
    await expect(wasel().lookUpAddress(SEEDED.validPassport)).resolves.toEqual({
      status: 'FOUND',
      address: OLAYA_ADDRESS,
    });
  });

  it('says when a citizen is not subscribed', async () => {
    await expect(wasel().lookUpAddress(SEEDED.expiredPassportNoWasel)).resolves.toEqual({ status: 'NOT_SUBSCRIBED' });
    await expect(wasel().lookUpAddress(UNKNOWN_ID)).resolves.toEqual({ status: 'NOT_SUBSCRIBED' });
  });

  it('refuses an address the carrier could not deliver to, naming the bad part', async () => {
    const failure = await expectPermanent(wasel().lookUpAddress(SEEDED.malformedAddress), 'MalformedAddress');
    expect(failure.message).toContain('address.postalCode');
    expect(failure.message).not.toContain('02214');
  });

  it('sends the wasel webhook when a citizen subscribes later, once', async () => {
    const citizen = await seedCitizen(harness().db);
    await expect(wasel().lookUpAddress(citizen.nationalId)).resolves.toEqual({ status: 'NOT_SUBSCRIBED' });

    const subscription = await harness().sandboxes.wasel.subscribe(citizen.nationalId, JEDDAH);
    expect(subscription).toEqual({ subscribedAt: expect.any(String), created: true });
    await expect(harness().sandboxes.wasel.subscribe(citizen.nationalId, JEDDAH)).resolves.toEqual({
      ...subscription,
      created: false,
    });

    await expect(wasel().lookUpAddress(citizen.nationalId)).resolves.toEqual({ status: 'FOUND', address: JEDDAH });
    const webhook = await harness().webhooks.waitFor(
      (w) => w.partner === 'wasel' && w.payload.nationalId === citizen.nationalId,
      'the wasel webhook',
    );
    expect(webhook.payload).toEqual({
      eventId: webhook.id,
      nationalId: citizen.nationalId,
      subscribedAt: subscription.subscribedAt,
    });
    expect(harness().webhooks.withPayload('nationalId', citizen.nationalId)).toHaveLength(1);
  });

  it('does not subscribe anyone with an invalid address', async () => {
    const citizen = await seedCitizen(harness().db);
    await expect(
      harness().sandboxes.wasel.subscribe(citizen.nationalId, { ...JEDDAH, buildingNumber: '74' }),
    ).rejects.toBeInstanceOf(DomainValidationError);
    await expect(wasel().lookUpAddress(citizen.nationalId)).resolves.toEqual({ status: 'NOT_SUBSCRIBED' });
  });
});
