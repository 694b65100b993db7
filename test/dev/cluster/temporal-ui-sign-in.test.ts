import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { UI_CALLBACK_PATH } from '../../../dev/cluster/temporal-ui';
import { CLI_REDIRECT_URI, CLIENT_IDS } from '../../../dev/identity/clients';
import { signInPerson, type Who } from '../../../dev/identity/sign-in';
import { SEEDED } from '../../../dev/sandboxes/seed-people';
import { renewalWorkflowId } from '../../../workflows/contract/ids';
import { type ClusterProcess, startClusterProcess } from '../../support/cluster-process';
import { launchChromium, SCREENSHOTS_DIR } from '../../web/support/browser';

/**
 * The Temporal UI of `npm run cluster` (issue 21 §4): people sign in at the cluster's OpenID provider, and the UI
 * passes their access token to the frontend and to the codec endpoint (https, a TLS front of the API's: the UI sends
 * a token to an https codec only). An operator opens a renewal and reads its input decoded; a citizen who signs in
 * gets nothing from Temporal and no decoded payload. The whole topology is this test's own cluster (API, worker, UI,
 * provider on free ports in a folder of its own), beside the one `npm run test:cluster` runs the suite on.
 */
describe('the cluster’s Temporal UI, signed in through the provider', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ui-cluster-'));
  const shots = join(SCREENSHOTS_DIR, 'cluster-temporal-ui');
  let cluster: ClusterProcess;
  let browser: Browser;
  let workflowId: string;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    cluster = await startClusterProcess(dataDir);
    browser = await launchChromium();

    // A citizen's renewal, opened through the API: its input and its answers are encrypted payloads.
    const citizen = await signInPerson({
      issuer: cluster.addresses.identity,
      clientId: CLIENT_IDS.cli,
      redirectUri: CLI_REDIRECT_URI,
      who: { nationalId: SEEDED.validPassport },
    });
    const created = await fetch(`${cluster.addresses.api}/v1/renewals`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${citizen.access_token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': randomUUID(),
      },
      body: JSON.stringify({ officeId: 'RUH-01' }),
    });
    const body = (await created.json()) as { renewalId: string };
    expect(created.status).toBe(202);
    workflowId = renewalWorkflowId(body.renewalId);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  /**
   * Signs a person in to the UI in a browser of their own (which trusts the launcher's certificate for the codec
   * only through ignoreHTTPSErrors, as a person accepts it once) and opens the renewal; the codec's answers seen.
   */
  async function openRenewalAs(pick: (provider: Page) => Promise<void>) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const codec: Array<{ status: number; bearer: boolean }> = [];
    page.on('response', (response: Response) => {
      const request = response.request();
      if (request.url().startsWith(cluster.addresses.codec) && request.method() === 'POST') {
        codec.push({ status: response.status(), bearer: /^Bearer /.test(request.headers().authorization ?? '') });
      }
    });
    const ui = cluster.addresses.ui;
    await page.goto(`${ui}/auth/sso?returnUrl=${encodeURIComponent(`/namespaces/default/workflows/${workflowId}`)}`);
    await page.waitForURL(/\/interaction\//);
    await pick(page);
    await page.waitForURL((url) => url.href.startsWith(ui) && !url.pathname.startsWith(UI_CALLBACK_PATH), {
      timeout: 30_000,
    });
    await page.goto(`${ui}/namespaces/default/workflows/${workflowId}`);
    return { page, context, codec };
  }

  /** A decode request straight to the https codec, trusting the launcher's web CA only. */
  function decode(token: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify({ payloads: [] });
      const call = httpsRequest(
        `${cluster.addresses.codec}/decode`,
        {
          method: 'POST',
          ca: readFileSync(join(cluster.addresses.tlsDir, 'web-ca.pem')),
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'X-Namespace': 'default' },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode!);
        },
      );
      call.once('error', reject);
      call.end(body);
    });
  }

  it('decodes over https for an operator and refuses everyone else (403; 401 for a role the API does not know)', async () => {
    const token = async (who: Who) =>
      (
        await signInPerson({
          issuer: cluster.addresses.identity,
          clientId: CLIENT_IDS.cli,
          redirectUri: CLI_REDIRECT_URI,
          who,
        })
      ).access_token;
    const answers: Record<string, number> = {};
    for (const [name, who] of [
      ['operator ops-1', { person: 'ops-1' }],
      ['support support-1', { person: 'support-1' }],
      ['clerk clerk-ruh-01', { person: 'clerk-ruh-01' }],
      ['citizen', { nationalId: SEEDED.validPassport }],
    ] as Array<[string, Who]>) {
      answers[name] = await decode(await token(who));
    }
    console.log(`codec over https: ${JSON.stringify(answers)}`);
    expect(answers).toEqual({
      'operator ops-1': 200,
      // The API knows no support role: like every route, the codec answers a role it does not know with 401.
      'support support-1': 401,
      'clerk clerk-ruh-01': 403,
      citizen: 403,
    });
  }, 60_000);

  it('shows an operator the renewal’s input decoded', async () => {
    const { page, context, codec } = await openRenewalAs((provider) =>
      provider.locator('button[data-person="ops-1"]').click(),
    );
    await page.getByText(workflowId).first().waitFor({ timeout: 30_000 });
    // The input names the office the citizen chose: readable only once the codec has decrypted it.
    await page.getByText('RUH-01').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(shots, 'operator-renewal-decoded.png'), fullPage: true });
    expect(codec.length).toBeGreaterThan(0);
    expect(codec.every(({ status, bearer }) => status === 200 && bearer)).toBe(true);
    await context.close();

    // Each of those decodes is in the decode log, as the operator's, from the UI's origin (what sup-1 reads).
    const supervisor = await signInPerson({
      issuer: cluster.addresses.identity,
      clientId: CLIENT_IDS.cli,
      redirectUri: CLI_REDIRECT_URI,
      who: { person: 'sup-1' },
    });
    const log = await fetch(`${cluster.addresses.api}/v1/operator/decode-log?limit=100`, {
      headers: { Authorization: `Bearer ${supervisor.access_token}` },
    });
    const { items } = (await log.json()) as {
      items: Array<{ actor: string; namespace: string | null; payloads: number; origin: string | null }>;
    };
    const fromUi = items.filter(({ origin }) => origin === new URL(cluster.addresses.ui).origin);
    console.log(`decode log after the UI session: ${JSON.stringify(fromUi.slice(0, 3))} (${fromUi.length} rows)`);
    expect(fromUi).toHaveLength(codec.length);
    expect(fromUi.every(({ namespace }) => namespace === 'default')).toBe(true);
    expect(new Set(fromUi.map(({ actor }) => actor)).size).toBe(1);
  }, 120_000);

  it('gives a citizen who signs in no renewal and no decoded payload', async () => {
    const { page, context, codec } = await openRenewalAs(async (provider) => {
      await provider.locator('#national-id').fill(SEEDED.validPassport);
      await provider.locator('#national-id-sign-in').click();
    });
    // The frontend refuses the citizen's token: the UI says so and shows nothing of the renewal.
    await page
      .getByText(/unauthorized/i)
      .first()
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2_000);
    await page.screenshot({ path: join(shots, 'citizen-refused.png'), fullPage: true });
    expect(await page.getByText('RUH-01').count()).toBe(0);
    expect(codec.filter(({ status }) => status === 200)).toEqual([]);
    await context.close();
  }, 120_000);
});
