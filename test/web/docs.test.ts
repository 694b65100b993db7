import type { Browser } from 'playwright-core';
import { AdminListener } from '../../src/api/admin/admin-listener';
import { startStack, type Stack } from '../support/stack';
import { productionEnv } from '../support/production-env';
import { cspViolations, launchChromium, screenshot } from './support/browser';

/**
 * Swagger UI at /docs, as production serves it (on the admin listener, under helmet's Content-Security-Policy):
 * it renders every operation of the document, and the policy refuses nothing it does.
 */
describe('Swagger UI in a browser', () => {
  let stack: Stack;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startStack({ worker: false, env: { ...(await productionEnv()), ADMIN_PORT: '0' } });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('renders the document under the policy, with nothing refused', async () => {
    const page = await browser.newPage();
    const refused = cspViolations(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${stack.app.get(AdminListener).url}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    // Every operation of the document it serves.
    const served = (await (await fetch(`${stack.app.get(AdminListener).url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(served.paths).flatMap((path) => Object.keys(path)).length;
    await page.waitForFunction(`document.querySelectorAll('.opblock').length === ${operations}`);
    // An operation opens (Swagger UI renders its parameters and answers), still under the policy.
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    await screenshot(page, 'swagger-ui');
    expect({ refused, errors }).toEqual({ refused: [], errors: [] });
  });
});
