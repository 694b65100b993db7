import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { FAULT_CACHE_MS } from '../../dev/sandboxes/fault-control';
import { ensureTemporalBinary } from '../../dev/infra/temporal-binaries';
import { type RunningDevServer, startDevServer } from '../../dev/infra/temporal-dev-server';
import { sandboxCommand } from '../../dev/tools/sandbox-command';
import { PROJECT_ROOT } from '../../src/config/paths';
import { freePort } from '../../src/worker/free-port';
import { renewalWorkflowId } from '../../workflows/contract';
import { type SeededCitizen, seedCitizen } from '../support/citizens';
import { eventually } from '../support/eventually';
import { citizenClient } from '../support/journeys';
import { type SandboxStack, startStack } from '../support/stack';
import { launchChromium, screenshot } from './support/browser';

const UI_SECTION = '## The Temporal UI';

/**
 * The words docs/runbook.md tells an operator to click or read in the Temporal UI: under each `###` heading of
 * its "The Temporal UI" section, every **bold** phrase (the section's rule: bold is only ever the UI's words).
 */
function runbookUiWords(): Map<string, string[]> {
  const runbook = readFileSync(join(PROJECT_ROOT, 'docs', 'runbook.md'), 'utf8');
  const start = runbook.indexOf(`\n${UI_SECTION}\n`);
  if (start < 0) throw new Error(`docs/runbook.md has no "${UI_SECTION}" section`);
  const end = runbook.indexOf('\n## ', start + 1);
  const section = runbook.slice(start, end < 0 ? undefined : end);
  const words = new Map<string, string[]>();
  for (const part of section.split(/\n### /).slice(1)) {
    const [heading, ...body] = part.split('\n');
    const text = body.join('\n').replace(/<!--[\s\S]*?-->/g, '');
    // A phrase may wrap over two lines of the markdown; the UI shows it on one.
    words.set(
      heading.trim(),
      [...text.matchAll(/\*\*([^*]+)\*\*/g)].map((match) => match[1].replace(/\s+/g, ' ')),
    );
  }
  return words;
}

/**
 * What the page shows now: its visible text, the text of its frames (the UI renders user metadata's markdown in
 * iframes of its own), and the accessible names, tooltips and placeholders of its visible elements (an icon
 * button's only words), whitespace folded as a reader sees it.
 */
async function shown(page: Page): Promise<string> {
  // (Strings: this project's TypeScript has no DOM types; they run in the page.)
  const main: string = await page.evaluate(`(() => {
    const names = [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
      .filter((element) => element.checkVisibility())
      .flatMap((element) => ['aria-label', 'title', 'placeholder'].map((name) => element.getAttribute(name) ?? ''));
    return [document.body.innerText, ...names].join('\\n');
  })()`);
  const frames: string[] = [];
  for (const frame of page.frames()) {
    if (frame !== page.mainFrame()) frames.push(await frame.evaluate<string>('document.body?.innerText ?? ""'));
  }
  return [main, ...frames].join('\n').replace(/\s+/g, ' ');
}

/** Waits until the page (frames included) shows `what`; then what it shows. */
async function waitToShow(page: Page, what: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await shown(page);
    if (typeof what === 'string' ? text.includes(what) : what.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`The UI does not show ${String(what)}; it shows: ${text}`);
    await sleep(250);
  }
}

/** `instant` as Riyadh's wall clock by the time-zone database (the test's own reckoning, not the product's). */
function riyadhByTzdb(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Riyadh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${parts.replace(',', '')} Riyadh (UTC+3)`;
}

const OVERDUE_VIEW = "WorkflowType = 'passportRenewal' AND Overdue = true";
const SEARCH_ATTRIBUTES = ['RenewalStage', 'StageDeadline', 'Overdue', 'SlaBreached', 'OfficeId', 'DeliveryMethod'];
/** The print stage's deadline: long enough for the walk before it, its hard limit (twice) far enough after. */
const PRINT_DEADLINE_MS = 45_000;

/**
 * docs/runbook.md's Temporal UI part, on the UI `npm start` runs (the dev server's UI 2.54.1, its codec endpoint
 * our API's, which trusts that UI's origin as npm start's does): a real chromium follows each `###` section's
 * steps on a stack with two renewals, one stuck in PRINTING with the print centre failing (then overdue) and
 * one waiting for payment, and every word the section sets in bold must be on the screens of its steps; and the
 * renewal's current details read as Riyadh time, the same instant the API gives.
 */
describe('docs/runbook.md on the Temporal UI (2.54.1)', () => {
  const sections = runbookUiWords();
  let devServer: RunningDevServer;
  let stack: SandboxStack;
  let browser: Browser;
  let page: Page;
  let ui: string;
  let stuck: { renewalId: string; person: SeededCitizen; printingAt: number };
  let waitingId: string;

  /**
   * Nothing decodes for the UI's origin alone. As the runbook says: signed in on the desk, an operator has a codec
   * session (what the desk opens at sign-in, here asked for with the operator's token), and the UI's codec settings,
   * given once, send it.
   */
  const useCodecSession = async () => {
    const operator = await stack.auth({ role: 'operator', id: 'ops-1' });
    await page.context().request.post(`${stack.baseUrl}/codec/session`, { headers: operator });
    await page.goto(`${ui}/namespaces/default/workflows`);
    await page.getByRole('button', { name: 'Codec Server is configured' }).click();
    await page.getByText('Use my browser setting and ignore Cluster-level setting').click();
    await page.getByRole('textbox').last().fill(`${stack.baseUrl}/codec`);
    await page.getByText('Include cross-origin credentials').click();
    await page.getByRole('button', { name: 'Apply' }).click();
  };

  const openRenewal = async (renewalId: string, tab?: string) => {
    await page.goto(`${ui}/namespaces/default/workflows/${renewalWorkflowId(renewalId)}`);
    await page.getByText('Back to Workflows').waitFor();
    if (tab) await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  };
  const openList = async (query?: string) => {
    await page.goto(`${ui}/namespaces/default/workflows${query ? `?query=${encodeURIComponent(query)}` : ''}`);
    await page.getByRole('columnheader', { name: 'Workflow ID' }).waitFor();
  };

  /** Each `###` section's steps, as an operator takes them; what each screen showed. */
  const walks: Record<string, () => Promise<string[]>> = {
    'Set up the list once': async () => {
      const screens: string[] = [];
      await openList();
      await page.getByRole('link', { name: renewalWorkflowId(stuck.renewalId) }).waitFor();
      screens.push(await shown(page));
      await page.getByRole('button', { name: 'Configure Columns' }).click();
      await page.getByText('Custom Search Attributes (not in view)').waitFor();
      screens.push(await shown(page));
      for (const name of SEARCH_ATTRIBUTES) await page.getByRole('button', { name: `Add ${name} column` }).click();
      await page.getByRole('button', { name: 'Remove Run ID column' }).click();
      screens.push(await shown(page));
      await page.getByRole('button', { name: 'Close Workflows Table configuration' }).click();
      for (const name of SEARCH_ATTRIBUTES) await page.getByRole('columnheader', { name }).waitFor();

      await page.getByRole('button', { name: /^Timezone/ }).click();
      screens.push(await shown(page));
      await page.getByTestId('timezone-search').fill('Arabian');
      const arabian = page.getByRole('menuitem', { name: 'Arabian Standard Time (GMT+3)' });
      screens.push(await shown(page));
      await arabian.click();
      await page.keyboard.press('Escape');
      // The stuck renewal's row: its columns filled, its times in Riyadh's zone.
      const row = page.getByRole('row').filter({ hasText: renewalWorkflowId(stuck.renewalId) });
      await row.getByText('PRINTING').waitFor();
      const rowText = await row.innerText();
      expect(rowText).toMatch(/GMT\+3/);
      expect(rowText).not.toMatch(/UTC/);
      expect(rowText.split(/\s*\t\s*|\n/)).toEqual(expect.arrayContaining(['RUH-01', 'PICKUP', 'FALSE']));
      screens.push(await shown(page));
      await screenshot(page, 'temporal-ui-list-columns');

      const rawQuery = page.getByTestId('toggle-manual-query');
      await rawQuery.hover();
      await page.getByText('View raw query').waitFor();
      screens.push(await shown(page));
      await rawQuery.click();
      await page.getByPlaceholder('Enter a query').fill(OVERDUE_VIEW);
      screens.push(await shown(page));
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByRole('button', { name: 'Save as New' }).click();
      screens.push(await shown(page));
      await page.getByRole('dialog').getByRole('textbox').first().fill('Overdue');
      await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
      // Saved: the views button now names it.
      await page.getByRole('button', { name: 'Overdue', exact: true }).waitFor();
      screens.push(await shown(page));

      await openList();
      await page.getByRole('button', { name: 'Add Filter' }).click();
      await page.getByTestId('workflow-filter-search').fill('StageDeadline');
      await page.getByRole('menuitem', { name: 'StageDeadline Datetime', exact: true }).click();
      await page.getByText('Filter by StageDeadline').waitFor();
      screens.push(await shown(page));
      return screens;
    },

    'Find the renewal you are asked about': async () => {
      const screens: string[] = [];
      await openList();
      await page.getByRole('button', { name: 'Add Filter' }).click();
      await page.getByTestId('workflow-filter-search').fill('WorkflowId');
      screens.push(await shown(page));
      await page.getByRole('menuitem', { name: 'WorkflowId Keyword', exact: true }).click();
      await page.getByPlaceholder('Enter value...').fill(renewalWorkflowId(stuck.renewalId));
      screens.push(await shown(page));
      await page.getByRole('button', { name: 'Apply' }).click();
      const link = page.getByRole('link', { name: renewalWorkflowId(stuck.renewalId) });
      // The list narrowed to that one renewal.
      await page.getByRole('link', { name: renewalWorkflowId(waitingId) }).waitFor({ state: 'detached' });
      await link.waitFor();
      screens.push(await shown(page));
      await link.click();
      await page.getByText('Back to Workflows').waitFor();
      screens.push(await shown(page));
      return screens;
    },

    'Read its current details': async () => {
      const screens: string[] = [];
      await openRenewal(stuck.renewalId, 'User Metadata');
      const details = await waitToShow(page, 'Waiting for');
      expect(details).toContain('Passport renewal, office RUH-01');
      expect(details).toContain(`Renewal ${stuck.renewalId}`);
      expect(details).toContain('Waiting for the print centre to print the passport');
      screens.push(details);
      await page.getByRole('tab', { name: /^Search Attributes/ }).click();
      await page.getByText('"RenewalStage": "PRINTING"').waitFor();
      screens.push(await shown(page));
      return screens;
    },

    'A stuck renewal: its pending activity and last failure': async () => {
      const screens: string[] = [];
      // Between attempts the pending activity shows its Next Retry; while one runs, it does not: look again until it
      // is waiting (a loaded machine can catch the attempt running).
      let pending: string;
      for (const deadline = Date.now() + 30_000; ;) {
        await openRenewal(stuck.renewalId, 'Pending Activities');
        await page.getByText('Last Failure').waitFor();
        await page
          .getByText(/print-centre submit failed transiently/)
          .first()
          .waitFor();
        pending = await shown(page);
        if (pending.includes('Next Retry') || Date.now() > deadline) break;
        await sleep(500);
      }
      expect(pending).toMatch(/submitPrintJob/);
      expect(pending).toMatch(/\d+ \/ UNLIMITED/);
      screens.push(pending);
      await screenshot(page, 'temporal-ui-pending-activity');
      await page.getByRole('tab', { name: /^Event History/ }).click();
      await page.getByRole('button', { name: 'Compact' }).click();
      const history = await waitToShow(page, 'SADAD: issue the renewal fee bill');
      await screenshot(page, 'temporal-ui-history-compact');
      screens.push(history);
      await page.getByRole('tab', { name: /^Timeline/ }).click();
      await page.getByText('issueBill • SADAD: issue the renewal fee bill').first().waitFor();
      screens.push(await shown(page));
      // A renewal waiting for the citizen's payment: nothing retried.
      await openRenewal(waitingId, 'Pending Activities');
      await page.getByText('No Pending Activities').waitFor();
      screens.push(await shown(page));
      return screens;
    },

    'Decoded payloads': async () => {
      // The codec icon's word before the UI has decoded anything.
      await openList();
      const screens = [await shown(page)];
      // The settings the operator gave the UI once (beforeAll: useCodecSession), as the runbook names them.
      await page.getByRole('button', { name: 'Codec Server is configured' }).click();
      const settings = await shown(page);
      await page.keyboard.press('Escape');
      await openRenewal(stuck.renewalId);
      // The input decoded through our codec endpoint with the operator's session: the national ID in clear.
      await page.getByText(`"nationalId": "${stuck.person.nationalId}"`).waitFor();
      const screen = await shown(page);
      expect(screen).not.toContain('binary/encrypted');
      await screenshot(page, 'temporal-ui-decoded-input');
      return [...screens, settings, screen];
    },

    'The housekeeping schedule': async () => {
      await page.getByRole('link', { name: 'Schedules' }).click();
      await page.locator('a[href*="/schedules/"]').first().waitFor();
      return [await waitToShow(page, 'Upcoming Runs')];
    },
  };

  beforeAll(async () => {
    const apiPort = await freePort();
    const uiPort = await freePort();
    // The dev server and its UI as `npm start` runs them (dev/embedded/main.ts), for this test alone: the suite's
    // dev server is headless.
    devServer = await startDevServer({
      executable: ensureTemporalBinary('temporal', process.env),
      uiPort,
      uiCodecEndpoint: `http://127.0.0.1:${apiPort}/codec`,
    });
    ui = `http://127.0.0.1:${uiPort}`;
    stack = await startStack({
      sandboxes: true,
      apiPort,
      env: {
        TEMPORAL_ADDRESS: devServer.address,
        POLICY_PRINT_DEADLINE: `${PRINT_DEADLINE_MS / 1000}s`,
        SANDBOX_PRINT_CENTRE_DELAY_MS: '200',
      },
      api: { codec: { uiOrigins: [ui, `http://localhost:${uiPort}`] } },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 2200, height: 1000 }, timezoneId: 'UTC' });
    page.setDefaultTimeout(20_000);
    await useCodecSession();

    const waiting = await seedCitizen(stack.db);
    waitingId = await (await citizenClient(stack, waiting)).startAndAccept({ method: 'PICKUP', officeId: 'RUH-01' });
    const person = await seedCitizen(stack.db);
    const citizen = await citizenClient(stack, person);
    const renewalId = await citizen.startAndAccept({ method: 'PICKUP', officeId: 'RUH-01' });
    const bill = await citizen.waitForStage(renewalId, 'AWAITING_PAYMENT');
    await sandboxCommand(['fault', 'print-centre', 'error-rate', '1'], stack.sandboxes.url);
    await sleep(FAULT_CACHE_MS);
    await stack.sandboxControl(`/sadad/bills/${bill.billNumber}/payment`);
    await citizen.waitForStage(renewalId, 'PRINTING');
    stuck = { renewalId, person, printingAt: Date.now() };
    await (await citizenClient(stack, waiting)).waitForStage(waitingId, 'AWAITING_PAYMENT');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await devServer?.stop();
  });

  it('has steps for every section of the runbook about the UI', () => {
    expect([...sections.keys()].sort()).toEqual(Object.keys(walks).sort());
  });

  it.each([...sections.keys()])(
    '"%s": the UI shows every word the runbook names',
    async (heading) => {
      const words = sections.get(heading) ?? [];
      expect(words.length).toBeGreaterThan(0);
      const screens = (await walks[heading]()).join('\n');
      expect(words.filter((word) => !screens.includes(word))).toEqual([]);
    },
    120_000,
  );

  it("reads the overdue renewal's current details in Riyadh time, found by the Overdue view", async () => {
    const citizen = await citizenClient(stack, stuck.person);
    const late = await eventually(
      async () => {
        const status = await citizen.status(stuck.renewalId);
        if (status.stage !== 'PRINTING') throw new Error(`left PRINTING for ${status.stage}`);
        return status.overdue ? status : undefined;
      },
      'the renewal overdue',
      PRINT_DEADLINE_MS + 30_000,
    );
    // Before its hard limit (twice the deadline) ends the stage.
    expect(Date.now() - stuck.printingAt).toBeLessThan(2 * PRINT_DEADLINE_MS - 15_000);

    await openList(OVERDUE_VIEW);
    await page.getByRole('link', { name: renewalWorkflowId(stuck.renewalId) }).waitFor();
    expect(await page.getByRole('link', { name: renewalWorkflowId(waitingId) }).count()).toBe(0);

    await openRenewal(stuck.renewalId, 'User Metadata');
    const screen = await waitToShow(page, 'Overdue yes');
    const current = screen.slice(screen.indexOf('Current Details'));
    expect(current).toContain(`Deadline ${riyadhByTzdb(late.stageDeadline)}`);
    expect(current).toMatch(/Stage PRINTING since \d{4}-\d\d-\d\d \d\d:\d\d Riyadh \(UTC\+3\)/);
    expect(current).toContain('Overdue yes: past its deadline, operators alerted');
    expect(current).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    await screenshot(page, 'temporal-ui-current-details');
  }, 120_000);
});
