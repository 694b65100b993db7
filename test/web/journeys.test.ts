import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DeliveryMethod, renewalWorkflowId } from '../../workflows/contract';
import { seedCitizen, SeededCitizen } from '../support/citizens';
import { POST_ACCEPTANCE } from '../support/renewal-driver';
import { eventually } from '../support/eventually';
import { citizenClient } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';
import {
  buildPagesForTest,
  checkInBothLanguages,
  cspViolations,
  launchChromium,
  switchLanguage,
} from './support/browser';
import { signIn } from './support/sign-in';
import { testPersonalData } from '../support/personal-data-keys';

const TEMPORAL_UI_URL = 'http://temporal-ui.example.test:8080';

/**
 * Three journeys through the pages only, in a real browser against the real
 * stack (API, worker, sandboxes and their runner): pickup and handover at the
 * counter, home delivery followed live to the end, and an operator finding a
 * renewal past its deadline. Every page is checked for accessibility and
 * photographed in both languages on the way (tmp/screenshots/).
 */
describe('pages in a browser', () => {
  let stack: SandboxStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** What the pages' Content-Security-Policy (helmet's, on every answer) refused: nothing, or the pages broke it. */
  const refused: string[][] = [];

  beforeAll(async () => {
    const assetsDir = await buildPagesForTest();
    browser = await launchChromium();
    stack = await startStack({
      sandboxes: true,
      env: {
        SANDBOX_PRINT_CENTRE_DELAY_MS: '300',
        SANDBOX_SAUDI_POST_STEP_DELAY_MS: '1000',
        // Short, so an envelope the carrier stops moving is past its deadline within seconds.
        POLICY_DELIVERY_SLA: '4s',
        TEMPORAL_UI_URL,
        PAGES_ASSETS_DIR: assetsDir,
      },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** A fresh browser profile per person, as each uses their own device. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    refused.push(cspViolations(page));
    return page;
  }

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(refused.splice(0).flat()).toEqual([]);
  });

  /** Start, review, accept and receive the SADAD bill, all on the citizen's page; returns the bill number. */
  async function renewOnThePage(page: Page, person: SeededCitizen, method: DeliveryMethod) {
    await signIn.citizen(page, stack.baseUrl, person.nationalId);
    await page.locator('#office').selectOption('RUH-01');
    await page.locator('#start-title + p + form button[type="submit"]').click();
    await page.waitForSelector('form.review');
    const renewalId = (await page.locator('.summary code').textContent())!.trim();
    await page.locator('input[name="photo"]').check();
    await page.locator('input[name="englishName"]').check();
    for (const pledge of await page.locator('input[name^="pledge-"]').all()) await pledge.check();
    await page.locator(`input[name="delivery"][value="${method}"]`).check();
    return { renewalId };
  }

  async function acceptAndPay(page: Page) {
    await page.locator('form.review button[type="submit"]').click();
    await page.waitForSelector('.bill .bill-number');
    const billNumber = (await page.locator('.bill-number').textContent())!.trim();
    // The citizen pays in their bank's app: SADAD's side, outside our pages.
    await eventually(() => stack.sandboxControl(`/sadad/bills/${billNumber}/payment`).then(() => true), 'payment');
  }

  it('a citizen renews for pickup, and the clerk matches the old passport (third mismatch flagged) and hands over', async () => {
    const person = await seedCitizen(stack.db);
    const citizen = await newPage();
    await citizen.goto(`${stack.baseUrl}/pages/sign-in`);
    await citizen.locator('button.sign-in').waitFor();
    await checkInBothLanguages(citizen, 'sign-in');
    await renewOnThePage(citizen, person, 'PICKUP');
    expect(await citizen.locator('input[name="validity"]').count()).toBe(2);
    await checkInBothLanguages(citizen, 'citizen-review');
    await acceptAndPay(citizen);
    await citizen.waitForSelector('[data-stage="READY_FOR_PICKUP"]', { timeout: 60_000 });

    const clerk = await newPage();
    await signIn.clerk(clerk, stack.baseUrl, 'RUH-01');
    const lookup = clerk.locator('#lookup');
    // Validated as typed: a wrong check digit cannot be looked up.
    await lookup.fill(`${person.nationalId.slice(0, 9)}${(Number(person.nationalId[9]) + 1) % 10}`);
    expect(await lookup.getAttribute('aria-invalid')).toBe('true');
    expect(await clerk.locator('.counter-lookup button[type="submit"]').isDisabled()).toBe(true);
    await lookup.fill(person.nationalId);
    await lookup.press('Enter');
    const presented = clerk.locator('#presented');
    await presented.waitFor();
    await clerk.locator('.handover input[type="checkbox"]').check();
    for (const n of [1, 2, 3]) {
      await presented.fill(`Z${String(n).repeat(7)}`);
      await presented.press('Enter');
      await clerk.waitForSelector(`[data-mismatches="${n}"]`);
    }
    expect(await clerk.locator('.problem.flagged').count()).toBe(1);
    expect(await presented.isDisabled()).toBe(true);
    await checkInBothLanguages(clerk, 'counter-flagged');

    // A supervisor saw the citizen: the clerk serves them again with the right passport.
    await clerk.locator('.handover button.big:not([type="submit"])').last().click();
    await lookup.fill(person.nationalId);
    await lookup.press('Enter');
    await presented.waitFor();
    await presented.fill(person.passportNumber.toLowerCase());
    await clerk.locator('.handover input[type="checkbox"]').check();
    await presented.press('Enter');
    await clerk.locator('.handover button.primary').waitFor();
    await clerk.keyboard.press('Enter');
    await clerk.waitForSelector('.handover .outcome');
    expect(await clerk.locator('.handover .outcome').textContent()).toMatch(/X\d{8}/);
    await checkInBothLanguages(clerk, 'counter');

    // The citizen's page, never reloaded, shows the end.
    await citizen.waitForSelector('.summary[data-stage="COMPLETED"]', { timeout: 30_000 });
    const row = await stack.db.query('SELECT stage FROM renewals WHERE national_id_hmac = $1', [
      testPersonalData().digest(person.nationalId),
    ]);
    expect(row).toEqual([{ stage: 'COMPLETED' }]);
  });

  it('a citizen renews for home delivery and follows the live timeline to COMPLETED without reloading', async () => {
    const person = await seedCitizen(stack.db, { subscribedToWasel: true });
    const citizen = await newPage();
    await renewOnThePage(citizen, person, 'POST');
    expect(await citizen.locator('.wasel').textContent()).toMatch(/واصل/);
    await switchLanguage(citizen);
    await citizen.evaluate(() => ((globalThis as unknown as { journeyMarker: string }).journeyMarker = 'same page'));
    const navigations: string[] = [];
    citizen.on('framenavigated', (frame) => navigations.push(frame.url()));
    await acceptAndPay(citizen);

    // Every stage the carrier moves through appears on the open page, pushed by the server.
    const seen = new Set<string>();
    const deadline = Date.now() + 90_000;
    while (!seen.has('COMPLETED')) {
      if (Date.now() > deadline) throw new Error(`Never completed; saw ${[...seen].join(', ')}`);
      seen.add((await citizen.locator('.summary').getAttribute('data-stage'))!);
      await citizen.waitForTimeout(100);
    }
    const timeline = await citizen
      .locator('.timeline li')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-stage')));
    expect(timeline).toEqual(
      expect.arrayContaining(['PRINTING', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'COMPLETED']),
    );
    expect(await citizen.locator('.tracking').textContent()).toMatch(/^[A-Z]{2}\d{9}[A-Z]{2}$/);
    expect(await citizen.evaluate(() => (globalThis as unknown as { journeyMarker?: string }).journeyMarker)).toBe(
      'same page',
    );
    expect(navigations).toEqual([]);
    await checkInBothLanguages(citizen, 'citizen-timeline');
  });

  it('an operator finds renewals past their deadline, declares one envelope lost and cancels the other', async () => {
    const [[lostOne, lostOnesCitizen], [cancelled]] = await Promise.all([stalledInTransit(), stalledInTransit()]);
    const operator = await newPage();
    await signIn.operator(operator, stack.baseUrl);
    const rows = (renewalId: string) =>
      operator.locator(`section[aria-labelledby="attention-title"] tr[data-renewal-id="${renewalId}"]`);
    // The desk refreshes by itself: both show up among those needing attention, past their deadline.
    await rows(cancelled).locator('.badge.danger').waitFor({ timeout: 30_000 });
    await rows(lostOne).locator('.badge.danger').waitFor({ timeout: 30_000 });
    expect(await rows(cancelled).locator('a').getAttribute('href')).toBe(
      `${TEMPORAL_UI_URL}/namespaces/default/workflows/${renewalWorkflowId(cancelled)}`,
    );
    await checkInBothLanguages(operator, 'operator');

    // The citizen's page says so too: delayed, operators on it, instead of "nothing for you to do".
    const citizen = await newPage();
    await signIn.citizen(citizen, stack.baseUrl, lostOnesCitizen.nationalId);
    await citizen.locator('.next-step:text-matches("فريق الجوازات يتابعه")').waitFor({ timeout: 30_000 });
    await switchLanguage(citizen);
    expect(await citizen.locator('.next-step').textContent()).toMatch(/delayed, and our operators are on it/);
    await checkInBothLanguages(citizen, 'citizen-delayed');

    await rows(cancelled).locator('.row-actions .link-button').click();
    await operator.waitForSelector('.audit td code:text("sla.breached")');

    await rows(lostOne).locator('.row-actions button:not(.link-button):not(.danger-outline)').click();
    const dialog = operator.locator('dialog.confirm');
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.field-error').waitFor();
    await dialog.locator('textarea').fill('Carrier confirmed the envelope was lost in a depot');
    await dialog.locator('button[type="submit"]').click();
    await operator.locator('p.ok[role="status"]').waitFor();
    await eventually(async () => {
      const [{ n }] = await stack.db.query('SELECT count(*)::int AS n FROM loss_claims WHERE renewal_id = $1', [
        lostOne,
      ]);
      return n === 1 ? true : undefined;
    }, 'the loss claim');

    await rows(cancelled).locator('.row-actions button.danger-outline').click();
    await dialog.locator('textarea').fill('Citizen asked at the office to stop the delivery');
    await dialog.locator('button[type="submit"]').click();
    await operator.locator('p.ok[role="status"]:text-matches("SHIPMENT|استرجاع الشحنة|shipment recalled")').waitFor();
    const [row] = await stack.db.query('SELECT stage FROM renewals WHERE renewal_id = $1', [cancelled]);
    expect(row.stage).toBe('CANCELLED');
    await operator.locator(`tr[data-renewal-id="${cancelled}"][data-stage="CANCELLED"]`).waitFor();
  });

  /**
   * A renewal by post whose envelope the carrier accepted and then stopped
   * moving (its next event never comes): past the short SLA, it is overdue.
   * The citizen's part goes through the API; this journey is the operator's.
   */
  async function stalledInTransit(): Promise<[string, SeededCitizen]> {
    const person = await seedCitizen(stack.db, { subscribedToWasel: true });
    const citizen = await citizenClient(stack, person);
    const created = await citizen.post('/v1/renewals', { officeId: 'RUH-01' }).expect(202);
    const renewalId: string = created.body.renewalId;
    await citizen.waitForStage(renewalId, 'AWAITING_ACCEPTANCE');
    await citizen.post(`/v1/renewals/${renewalId}/acceptance`, POST_ACCEPTANCE).expect(200);
    const awaiting = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    await stack.sandboxControl(`/sadad/bills/${awaiting.billNumber}/payment`);
    await eventually(
      async () => {
        const stalled = await stack.db.query(
          `UPDATE sandbox.shipments SET next_event_at = NULL
            WHERE shipment_key LIKE $1 AND status = 'IN_TRANSIT' RETURNING tracking_number`,
          [`${renewalId}/%`],
        );
        return stalled[1] > 0 || stalled[0]?.length > 0 ? true : undefined;
      },
      'the envelope in transit',
      60_000,
    );
    return [renewalId, person];
  }
});
