import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildPageAssets } from '../../../src/api/pages/build-assets';
import { PROJECT_ROOT } from '../../../src/config/paths';

/** Debian's chromium (`apt-get install -y chromium`); no browser is ever downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = join(PROJECT_ROOT, 'tmp', 'screenshots');

/**
 * One headless chromium per test file. A missing browser fails the tests
 * (never skips them): the pages are only tested when a browser runs them.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No chromium at ${CHROMIUM_PATH}: the page tests need Debian's chromium (apt-get install -y chromium, ` +
        'as .ci/run does) or CHROMIUM_PATH pointing at one',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Bundles the pages into a folder of this test file's own, for the API's PAGES_ASSETS_DIR. */
export async function buildPagesForTest(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pages-assets-'));
  await buildPageAssets(dir);
  return dir;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now.
 * Evaluated through the DevTools protocol, which the pages' CSP does not
 * govern, so the check needs no exception in the policy.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<Record<string, unknown>> }> } })
      .axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id as string,
      impact: v.impact as string,
      help: v.help as string,
      targets: (v.nodes as Array<{ target: string[] }>).map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * What the page's Content-Security-Policy refused from now on (Chromium reports each refusal as a console error:
 * an inline script or style, a source of another origin), so a test can require none.
 */
export function cspViolations(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text())) refused.push(message.text());
  });
  return refused;
}

/** The page's language now, as the document declares it. */
export async function documentLang(page: Page): Promise<string> {
  return (await page.locator('html').getAttribute('lang')) ?? '';
}

/**
 * Checks the page as it is in both languages: accessibility (no serious or
 * critical axe violation) and a screenshot of each, `<name>-ar.png` and
 * `<name>-en.png`. Leaves the page in the language it found it in.
 */
export async function checkInBothLanguages(page: Page, name: string): Promise<void> {
  const found: Record<string, Violation[]> = {};
  for (let i = 0; i < 2; i++) {
    const lang = await documentLang(page);
    expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    found[lang] = await seriousViolations(page);
    await screenshot(page, `${name}-${lang}`);
    await switchLanguage(page);
  }
  expect(found).toEqual({ ar: [], en: [] });
}

export async function switchLanguage(page: Page): Promise<void> {
  const before = await documentLang(page);
  await page.locator('button.lang-switch').click();
  await page.locator(`html:not([lang="${before}"])`).waitFor({ state: 'attached' });
}
