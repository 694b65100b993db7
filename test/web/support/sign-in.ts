import type { Page } from 'playwright-core';

/**
 * Signs in through the identity provider, as a person does: the page's sign-in button, the provider's sign-in page
 * (the suite's sandbox provider lists its people and takes a citizen's national ID), and back with a code the page
 * redeems (Authorization Code + PKCE).
 */
async function throughProvider(page: Page, url: string, choose: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(url);
  await page.locator('button.sign-in').click();
  await page.waitForURL(/\/interaction\//);
  await choose(page);
  await page.waitForURL(url);
  await page.locator('.who').waitFor();
}

export const signIn = {
  citizen: (page: Page, baseUrl: string, nationalId: string) =>
    throughProvider(page, `${baseUrl}/pages/citizen`, async (provider) => {
      await provider.locator('#national-id').fill(nationalId);
      await provider.locator('#national-id-sign-in').click();
    }),
  clerk: (page: Page, baseUrl: string, office: string) =>
    throughProvider(page, `${baseUrl}/pages/counter`, (provider) =>
      provider.locator(`button[data-person="clerk-${office.toLowerCase()}"]`).click(),
    ),
  operator: (page: Page, baseUrl: string) =>
    throughProvider(page, `${baseUrl}/pages/operator`, (provider) =>
      provider.locator('button[data-person="ops-1"]').click(),
    ),
};
