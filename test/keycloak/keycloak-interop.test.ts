import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import request from 'supertest';
import { decodeProtectedHeader } from 'jose';
import { randomUUID } from 'node:crypto';
import { KeycloakAdmin } from '../../dev/identity/keycloak/admin';
import { KEYCLOAK_VERSION } from '../../dev/identity/keycloak/distribution';
import { type RunningKeycloak, startKeycloak } from '../../dev/identity/keycloak/keycloak';
import { PROJECT_ROOT } from '../../src/config/paths';
import { freePort } from '../../src/worker/free-port';
import { seedCitizen, type SeededCitizen } from '../support/citizens';
import { eventually } from '../support/eventually';
import { freshNationalId } from '../support/fixtures';
import { type SandboxStack, startStack } from '../support/stack';
import { buildPagesForTest, launchChromium, screenshot } from '../web/support/browser';

/**
 * `npm run test:keycloak` (issue 21 §6): the same API and pages against Keycloak, the provider most agencies run.
 * Keycloak is started from its Maven Central distribution with the realm of dev/identity/keycloak imported; the
 * product stack trusts it by configuration alone (OIDC_ISSUER_URL, OIDC_CLAIM_ROLE); a citizen signs in on
 * Keycloak's own login page from the pages in chromium (Authorization Code + PKCE) and renews; staff and the
 * courier's back-end get their tokens by Keycloak's grants; a signing key rotated in Keycloak reaches the API
 * without a restart. Not part of `npm test`: it downloads 168 MiB once and needs Java 21+ (see java.ts).
 */
const figures: string[] = [];
const figure = (line: string) => figures.push(line);

describe(`the API and pages against Keycloak ${KEYCLOAK_VERSION}`, () => {
  const runStarted = Date.now();
  let keycloak: RunningKeycloak;
  let admin: KeycloakAdmin;
  let stack: SandboxStack;
  let browser: Browser;
  let citizen: SeededCitizen;

  beforeAll(async () => {
    const apiPort = await freePort();
    const logDir = join(PROJECT_ROOT, 'tmp', 'keycloak');
    mkdirSync(logDir, { recursive: true });
    const nationalId = freshNationalId();
    keycloak = await startKeycloak({
      pagesOrigin: `http://127.0.0.1:${apiPort}`,
      citizenNationalId: nationalId,
      logFile: join(logDir, 'keycloak.log'),
    });
    admin = new KeycloakAdmin(keycloak);
    const { fetched } = keycloak.distribution;
    figure(
      fetched === 'cached'
        ? `distribution: cached at ${keycloak.distribution.home}`
        : `distribution: downloaded ${(fetched.bytes / 2 ** 20).toFixed(0)} MiB in ${(fetched.ms / 1000).toFixed(1)} s, SHA-1 checked`,
    );
    figure(`java: ${keycloak.java.major} (${keycloak.java.source}: ${keycloak.java.home})`);
    figure(`keycloak start (realm imported, discovery answering): ${(keycloak.startMs / 1000).toFixed(1)} s`);

    const assetsDir = await buildPagesForTest();
    browser = await launchChromium();
    stack = await startStack({
      sandboxes: true,
      apiPort,
      env: {
        PAGES_ASSETS_DIR: assetsDir,
        SANDBOX_PRINT_CENTRE_DELAY_MS: '300',
        // The only settings Keycloak needs: its realm as the issuer, and where it puts client roles.
        OIDC_ISSUER_URL: keycloak.issuer,
        OIDC_CLAIM_ROLE: 'resource_access.passport-renewal-api.roles',
        OIDC_PAGES_CLIENT_ID: 'passport-renewal-pages',
        // Short, so the key rotation below is seen in seconds rather than the production defaults' minutes.
        OIDC_JWKS_COOLDOWN_MS: '1000',
        OIDC_JWKS_CACHE_MAX_AGE_MS: '2000',
      },
    });
    citizen = await seedCitizen(stack.db, { nationalId });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await keycloak?.stop();
    figure(`whole run: ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
    process.stdout.write(`\nKeycloak interop (${KEYCLOAK_VERSION}):\n${figures.map((f) => `  ${f}\n`).join('')}`);
  });

  /** Signs the citizen in from the pages on Keycloak's login page; returns every request the browser made. */
  async function signInOnKeycloak(page: Page): Promise<Request[]> {
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${stack.baseUrl}/pages/citizen`);
    const started = Date.now();
    await page.locator('button.sign-in').click();
    await page.waitForURL((url) => url.href.startsWith(`${keycloak.issuer}/`));
    await screenshot(page, 'keycloak-login');
    // Keycloak's login theme (keycloak.v2): stable ids across its themes.
    await page.locator('#username').fill(citizen.nationalId);
    await page.locator('#password').fill(keycloak.secrets.seedPassword);
    await page.locator('#kc-login').click();
    await page.waitForURL(`${stack.baseUrl}/pages/citizen`);
    await page.locator('.who').waitFor();
    figure(`citizen sign-in (pages → Keycloak login → code + PKCE → pages): ${Date.now() - started} ms`);
    return requests;
  }

  it('a citizen signs in on Keycloak’s login page (PKCE) and renews, paid through SADAD, to COMPLETED at the counter, then signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const requests = await signInOnKeycloak(page);
      const authorize = new URL(requests.find((r) => r.url().includes('/protocol/openid-connect/auth?'))!.url());
      expect(authorize.searchParams.get('client_id')).toBe('passport-renewal-pages');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('state')).toBeTruthy();
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      for (const r of requests) expect(r.url()).not.toMatch(/access_token|id_token|refresh_token/);
      // The header greets the person by the name Keycloak gave (the profile scope's full name).
      expect(await page.locator('.who').textContent()).toContain('Abdullah Alharbi');

      const renewStarted = Date.now();
      await page.locator('#office').selectOption('RUH-01');
      await page.locator('#start-title + p + form button[type="submit"]').click();
      await page.waitForSelector('form.review');
      const renewalId = (await page.locator('.summary code').textContent())!.trim();
      await page.locator('input[name="photo"]').check();
      await page.locator('input[name="englishName"]').check();
      for (const pledge of await page.locator('input[name^="pledge-"]').all()) await pledge.check();
      await page.locator('input[name="delivery"][value="PICKUP"]').check();
      await page.locator('form.review button[type="submit"]').click();
      await page.waitForSelector('.bill .bill-number');
      const billNumber = (await page.locator('.bill-number').textContent())!.trim();
      // The citizen pays in their bank's app: SADAD's side, outside our pages.
      await eventually(() => stack.sandboxControl(`/sadad/bills/${billNumber}/payment`).then(() => true), 'payment');
      await page.waitForSelector('[data-stage="READY_FOR_PICKUP"]', { timeout: 60_000 });
      figure(`renewal ${renewalId}: request → acceptance → SADAD payment → READY_FOR_PICKUP`);

      // The clerk at RUH-01, with a Keycloak token (office from the user's attribute), matches and hands over.
      const clerk = { Authorization: `Bearer ${await admin.passwordToken('clerk-ruh-01')}` };
      const counter = (action: string, body: object) =>
        request(stack.http)
          .post(`/v1/counter/renewals/${renewalId}/${action}`)
          .set({ ...clerk, 'Idempotency-Key': randomUUID() })
          .send(body)
          .expect(200);
      await counter('verification', { presentedPassportNumber: citizen.passportNumber, identityConfirmed: true });
      await counter('handover', {});
      await page.waitForSelector('.summary[data-stage="COMPLETED"]', { timeout: 30_000 });
      figure(`renewal COMPLETED by pickup in ${((Date.now() - renewStarted) / 1000).toFixed(1)} s after sign-in`);
      await screenshot(page, 'keycloak-renewal-completed');

      // Signing out ends Keycloak's session (RP-initiated logout): the refresh token is refused, the next sign-in
      // shows Keycloak's login page again.
      const { refreshToken } = await page.evaluate(() =>
        JSON.parse(sessionStorage.getItem('passport-renewal.session') ?? 'null'),
      );
      await page.locator('#sign-out').click();
      await page.waitForURL('**/pages/signed-out');
      const refresh = await fetch(`${keycloak.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: 'passport-renewal-pages',
        }),
      });
      expect(refresh.status).toBe(400);
      expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
      await page.locator('button.sign-in').click();
      await page.waitForURL((url) => url.href.startsWith(`${keycloak.issuer}/`));
      await page.locator('#kc-login').waitFor();
      figure('sign-out ended the Keycloak session: refresh token → 400 invalid_grant, sign-in asks again');

      // The operator, with a password-grant token, reads that renewal's audit trail.
      const operator = { Authorization: `Bearer ${await admin.passwordToken('operator-1')}` };
      await request(stack.http).get(`/v1/operator/renewals/${renewalId}/audit`).set(operator).expect(200);
      figure('operator (password grant) read the audit trail: 200; clerk (password grant) handed over: 200');
    } finally {
      await context.close();
    }
  });

  it('the courier’s back-end signs in by client credentials (carrier claim mapped)', async () => {
    const barcode = `PE${'0'.repeat(32)}00`;
    const courier = { Authorization: `Bearer ${await admin.courierToken()}` };
    // Signed in: an envelope it does not carry is not found, rather than the caller refused.
    const answer = await request(stack.http).get(`/v1/carrier/envelopes/${barcode}`).set(courier);
    expect(answer.status).toBe(404);
    const anonymous = await request(stack.http).get(`/v1/carrier/envelopes/${barcode}`);
    expect(anonymous.status).toBe(401);
    figure(`courier (client credentials): ${answer.status} for an envelope not its own; no token: ${anonymous.status}`);
  });

  it('a signing key rotated in Keycloak is picked up without restarting the API, and the retired one refused', async () => {
    const envelope = `/v1/carrier/envelopes/PE${'0'.repeat(32)}00`;
    const statusWith = async (token: string) =>
      (
        await request(stack.http)
          .get(envelope)
          .set({ Authorization: `Bearer ${token}` })
      ).body as {
        status: number;
        type?: string;
      };
    const oldToken = await admin.courierToken();
    expect((await statusWith(oldToken)).status).toBe(404);

    await admin.addSigningKey(`rotated-${Date.now()}`);
    const newToken = await admin.courierToken();
    const [oldKid, newKid] = [oldToken, newToken].map((token) => decodeProtectedHeader(token).kid);
    expect(newKid).not.toBe(oldKid);
    // The unknown kid makes the API fetch the JWKS again (once its cool-down has passed): accepted.
    await eventually(async () => (await statusWith(newToken)).status === 404 || undefined, 'new key accepted');
    expect((await statusWith(oldToken)).status).toBe(404);

    expect(await admin.retireOlderSigningKeys()).toBeGreaterThan(0);
    // Once the API's copy of the JWKS is older than its maximum age, the retired key's tokens are refused.
    const refused = await eventually(async () => {
      const answer = await statusWith(oldToken);
      return answer.status === 401 ? answer : undefined;
    }, 'old key refused');
    expect(refused.type).toMatch(/token-key-unknown$/);
    expect((await statusWith(newToken)).status).toBe(404);
    figure(
      `key rotation without restart: new kid ${newKid!.slice(0, 8)}… accepted; retired kid ${oldKid!.slice(0, 8)}… → 401 ${refused.type}`,
    );
  });
});
