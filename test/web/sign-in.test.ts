import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { seedCitizen } from '../support/citizens';
import { type SandboxStack, startStack } from '../support/stack';
import { tokens } from '../support/tokens';
import { buildPagesForTest, checkInBothLanguages, launchChromium, screenshot } from './support/browser';
import { signIn } from './support/sign-in';

/**
 * The pages sign people in through the identity provider (the suite's sandbox provider): Authorization Code with
 * PKCE (S256), state and nonce; a token never comes from or goes into a URL; a session is renewed before it
 * expires, or the person is warned and signs in again with their form as they left it; signing out ends the
 * provider's session too.
 */
describe('signing in to the pages', () => {
  let stack: SandboxStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const assetsDir = await buildPagesForTest();
    browser = await launchChromium();
    stack = await startStack({ sandboxes: true, env: { PAGES_ASSETS_DIR: assetsDir } });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  /** A fresh browser profile, recording every URL it requests and every bearer token it sends. */
  async function newPage(): Promise<{ page: Page; requests: Request[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return { page, requests };
  }

  const sessionOf = (page: Page) =>
    page.evaluate(() => JSON.parse(sessionStorage.getItem('passport-renewal.session') ?? 'null'));

  it.each([
    ['citizen', '/pages/citizen'],
    ['clerk', '/pages/counter'],
    ['operator', '/pages/operator'],
  ] as const)(
    'a %s signs in through the identity provider with PKCE, and no token is in any URL',
    async (role, path) => {
      const { page, requests } = await newPage();
      if (role === 'citizen') await signIn.citizen(page, stack.baseUrl, (await seedCitizen(stack.db)).nationalId);
      if (role === 'clerk') await signIn.clerk(page, stack.baseUrl, 'RUH-01');
      if (role === 'operator') await signIn.operator(page, stack.baseUrl);

      const authorize = new URL(requests.find((request) => /\/auth\?/.test(request.url()))!.url());
      expect(Object.fromEntries(authorize.searchParams)).toEqual({
        client_id: 'passport-renewal-pages',
        redirect_uri: `${stack.baseUrl}/pages/callback`,
        response_type: 'code',
        scope: 'openid profile',
        code_challenge: expect.stringMatching(/^[\w-]{43}$/),
        code_challenge_method: 'S256',
        state: expect.stringMatching(/^[\w-]{20,}$/),
        nonce: expect.stringMatching(/^[\w-]{20,}$/),
        ui_locales: 'ar',
      });
      // The code came back to the callback, which redeemed it with the verifier at the token endpoint.
      const exchange = requests.find((request) => /\/token$/.test(request.url()))!;
      expect(new URLSearchParams(exchange.postData()!).get('grant_type')).toBe('authorization_code');
      expect(new URLSearchParams(exchange.postData()!).get('code_verifier')).toMatch(/^[\w-]{43}$/);
      expect(page.url()).toBe(`${stack.baseUrl}${path}`);
      for (const request of requests) expect(request.url()).not.toMatch(/access_token|id_token|refresh_token/);
      // The API is called with the provider's access token, in a header.
      const session = await sessionOf(page);
      expect(session.role).toBe(role);
      if (role === 'clerk') {
        // The counter calls the API once the clerk looks someone up.
        await page.locator('#lookup').fill((await seedCitizen(stack.db)).nationalId);
        await Promise.all([page.waitForRequest(/\/v1\/counter\//), page.locator('#lookup').press('Enter')]);
      }
      const apiCall = requests.find((request) => request.url().includes('/v1/'));
      expect(await apiCall!.headerValue('authorization')).toBe(`Bearer ${session.accessToken}`);
      // The header greets the person by the name the provider gave.
      expect(await page.locator('.who').textContent()).toMatch(role === 'citizen' ? /مواطن/ : /[\u0600-\u06FF]{3,}/);
      await screenshot(page, `signed-in-${role}`);
    },
  );

  it('a link carrying #access_token= signs nobody in, whatever the token', async () => {
    const token = await tokens.citizen((await seedCitizen(stack.db)).nationalId);
    const { page, requests } = await newPage();
    for (const path of ['/pages/sign-in', '/pages/citizen', '/pages/callback']) {
      await page.goto(`${stack.baseUrl}${path}#access_token=${token}&token_type=Bearer`);
      await page.waitForLoadState('networkidle');
    }
    await page.goto(`${stack.baseUrl}/pages/citizen`);
    await page.locator('button.sign-in').waitFor();
    expect(await page.locator('.who').count()).toBe(0);
    expect(await sessionOf(page)).toBeNull();
    const authorized = [];
    for (const request of requests) if (await request.headerValue('authorization')) authorized.push(request.url());
    expect(authorized).toEqual([]);
  });

  /** A citizen signed in with a renewal at its review, ticked and chosen halfway. */
  async function halfwayThroughTheReview(page: Page) {
    await page.clock.install();
    await signIn.citizen(page, stack.baseUrl, (await seedCitizen(stack.db, { subscribedToWasel: true })).nationalId);
    await page.locator('#office').selectOption('RUH-01');
    await page.locator('#start-title + p + form button[type="submit"]').click();
    await page.waitForSelector('form.review');
    await page.locator('input[name="photo"]').check();
    const pledges = await page.locator('input[name^="pledge-"]').all();
    for (const pledge of pledges.slice(0, 2)) await pledge.check();
    await page.locator('input[name="delivery"][value="POST"]').check();
    return { pledges: pledges.length };
  }

  async function expectTheReviewAsLeft(page: Page) {
    await page.waitForSelector('form.review');
    expect(await page.locator('input[name="photo"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="englishName"]').isChecked()).toBe(false);
    const ticked = await page
      .locator('input[name^="pledge-"]')
      .evaluateAll((boxes) => boxes.map((box) => (box as unknown as { checked: boolean }).checked));
    expect(ticked.slice(0, 2)).toEqual([true, true]);
    expect(ticked.slice(2).every((checked) => !checked)).toBe(true);
    expect(await page.locator('input[name="delivery"][value="POST"]').isChecked()).toBe(true);
  }

  it('renews the session with the refresh token before it expires, the typed form untouched', async () => {
    const { page } = await newPage();
    await halfwayThroughTheReview(page);
    const before = await sessionOf(page);
    // Four of the token's five minutes pass in the browser: the renewal is due two minutes ahead.
    await page.clock.fastForward('04:00');
    await page.waitForFunction(
      (token) => JSON.parse(sessionStorage.getItem('passport-renewal.session')!).accessToken !== token,
      before.accessToken,
    );
    const after = await sessionOf(page);
    expect(after.expiresAt).toBeGreaterThan(before.expiresAt);
    expect(await page.locator('#sign-in-again').count()).toBe(0);
    await expectTheReviewAsLeft(page);
    // The renewed token is the one the API gets next.
    const next = page.waitForRequest((request) => request.url().includes('/acceptance'));
    await page.locator('input[name="englishName"]').check();
    for (const pledge of await page.locator('input[name^="pledge-"]').all()) await pledge.check();
    await page.locator('form.review button[type="submit"]').click();
    expect(await (await next).headerValue('authorization')).toBe(`Bearer ${after.accessToken}`);
    await page.waitForSelector('.bill .bill-number');
  });

  it('warns two minutes ahead when the session cannot be renewed, and keeps the typed form through a new sign-in', async () => {
    const { page } = await newPage();
    await halfwayThroughTheReview(page);
    // The provider will not renew (say, the person signed out there in another tab).
    await page.route('**/token', (route) =>
      new URLSearchParams(route.request().postData() ?? '').get('grant_type') === 'refresh_token'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }),
          })
        : route.continue(),
    );
    await page.clock.fastForward('03:10');
    const warning = page.locator('.session-warning');
    await warning.waitFor();
    expect(await warning.getAttribute('role')).toBe('alert');
    await checkInBothLanguages(page, 'session-warning');
    await page.unroute('**/token');
    // Signing in again: the provider still knows the person, so it sends them straight back, to the same page.
    await page.locator('#sign-in-again').click();
    await page.waitForURL('**/pages/citizen');
    await expectTheReviewAsLeft(page);
    expect(await page.locator('.session-warning').count()).toBe(0);
  });

  it("signing out ends the provider's session: the old refresh token is refused and the next sign-in asks again", async () => {
    const { page } = await newPage();
    await signIn.operator(page, stack.baseUrl);
    const session = await sessionOf(page);
    await page.locator('#sign-out').click();
    await page.waitForURL('**/pages/signed-out');
    await checkInBothLanguages(page, 'signed-out');
    expect(await sessionOf(page)).toBeNull();
    const refresh = await fetch(`${process.env.OIDC_ISSUER_URL}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: session.refreshToken,
        client_id: 'passport-renewal-pages',
      }).toString(),
    });
    expect(refresh.status).toBe(400);
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    await page.locator('button.sign-in').click();
    await page.waitForURL(/\/interaction\//);
    await page.locator('button[data-person="ops-1"]').waitFor();
  });
});
