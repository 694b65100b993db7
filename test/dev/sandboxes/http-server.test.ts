import { randomUUID } from 'node:crypto';
import { HttpCivilRegistry } from '../../../src/integrations/civil-registry/http';
import { partnerBaseUrl, startSandboxHttpServer } from '../../../dev/sandboxes/http/server';
import type { SadadPayment } from '../../../dev/sandboxes/sadad/sandbox';
import { SEEDED } from '../../../dev/sandboxes/seed-people';
import { seedCitizen } from '../../support/citizens';
import { expectPermanent } from '../../support/integration-failures';
import { quietLogger, useHarness } from '../../support/partner-harness';

describe('sandbox HTTP server', () => {
  const harness = useHarness();
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${harness().server.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });

  it('lets a demo pay a SADAD bill over HTTP, which sends the payment webhook', async () => {
    const billKey = `${randomUUID()}/fee`;
    const bill = await harness().http.sadad.issueBill({
      billKey,
      nationalId: SEEDED.validPassport,
      amountSar: 300,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      description: 'Passport renewal',
    });
    const response = await call(`/sandbox/sadad/bills/${bill.billNumber}/payment`, { method: 'POST' });
    expect(response.status).toBe(200);
    const payment = (await response.json()) as SadadPayment;
    expect(payment).toMatchObject({ billNumber: bill.billNumber, billReference: billKey, amountSar: 300 });
    await harness().webhooks.waitFor((w) => w.id === payment.paymentId, 'the payment webhook');

    const again = await call(`/sandbox/sadad/bills/000000000000/payment`, { method: 'POST' });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    await expect(again.json()).resolves.toMatchObject({ status: 404, code: 'BillNotFound' });
  });

  it('lets a demo subscribe a citizen to Wasel and read the SMS sent to them', async () => {
    const citizen = await seedCitizen(harness().db);
    const address = {
      buildingNumber: '2417',
      street: 'Prince Mohammed bin Abdulaziz Road',
      district: 'As Sulimaniyah',
      city: 'Riyadh',
      postalCode: '12243',
      additionalNumber: '6562',
    };
    const subscribe = (body: unknown) =>
      call('/sandbox/wasel/subscriptions', { method: 'POST', body: JSON.stringify(body) });
    expect((await subscribe({ nationalId: citizen.nationalId, address })).status).toBe(201);
    expect((await subscribe({ nationalId: citizen.nationalId, address })).status).toBe(200);
    const invalid = await subscribe({ nationalId: citizen.nationalId, address: { ...address, postalCode: '9' } });
    expect(invalid.status).toBe(400);
    await expect(invalid.json()).resolves.toMatchObject({ code: 'InvalidRequest', field: 'address.postalCode' });
    await expect(harness().http.wasel.lookUpAddress(citizen.nationalId)).resolves.toMatchObject({ status: 'FOUND' });

    await harness().http.sms.send({ messageKey: randomUUID(), to: citizen.mobile, text: 'Your renewal was received' });
    const outbox = await call(`/sandbox/sms/messages?to=${encodeURIComponent(citizen.mobile)}`);
    await expect(outbox.json()).resolves.toEqual({
      messages: [expect.objectContaining({ to: citizen.mobile, text: 'Your renewal was received' })],
    });
  });

  it('answers unknown routes, wrong methods and bad JSON with problems, never a crash', async () => {
    expect((await call('/sadad/v2/bills')).status).toBe(404);
    expect((await call('/sadad/v1/bills', { method: 'GET' })).status).toBe(405);
    const badJson = await call('/sadad/v1/bills', { method: 'POST', body: '{"billKey":' });
    expect(badJson.status).toBe(400);
    await expect(badJson.json()).resolves.toMatchObject({ code: 'InvalidRequest', field: 'body' });
    const missing = await call('/sadad/v1/bills', { method: 'POST', body: JSON.stringify({ billKey: 'k' }) });
    await expect(missing.json()).resolves.toMatchObject({ status: 400, code: 'InvalidRequest', field: 'nationalId' });
  });

  it('requires the partner auth header when configured, as the real partners do', async () => {
    const authHeader = { name: 'X-Api-Key', value: 'sandbox-key-1' };
    const server = await startSandboxHttpServer(harness().sandboxes, {
      requiredAuthHeader: authHeader,
      logger: quietLogger([]),
    });
    try {
      const baseUrl = partnerBaseUrl(server.url, 'civilRegistry');
      const anonymous = new HttpCivilRegistry({ baseUrl, timeoutMs: 2_000 });
      await expectPermanent(anonymous.lookUpCitizen(SEEDED.validPassport), 'PartnerUnauthorized');
      const authenticated = new HttpCivilRegistry({ baseUrl, timeoutMs: 2_000, authHeader });
      await expect(authenticated.lookUpCitizen(SEEDED.validPassport)).resolves.toMatchObject({
        nationalId: SEEDED.validPassport,
      });
    } finally {
      await server.close();
    }
  });
});
