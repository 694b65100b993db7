import type { Page } from 'playwright-core';

/** Signs in through the development sign-in page, as a tester of the sandbox stack does. */
export const signIn = {
  async citizen(page: Page, baseUrl: string, nationalId: string): Promise<void> {
    await page.goto(`${baseUrl}/pages/sign-in`);
    await page.locator('#other-national-id').fill(nationalId);
    await page.locator('#other-national-id').press('Enter');
    await page.waitForURL('**/pages/citizen');
  },
  async clerk(page: Page, baseUrl: string, office: string): Promise<void> {
    await page.goto(`${baseUrl}/pages/sign-in`);
    await page.locator('#clerk-office').selectOption(office);
    await page.locator('section[aria-labelledby="dev-clerk"] button[type="submit"]').click();
    await page.waitForURL('**/pages/counter');
  },
  async operator(page: Page, baseUrl: string): Promise<void> {
    await page.goto(`${baseUrl}/pages/sign-in`);
    await page.locator('section[aria-labelledby="dev-operator"] button').click();
    await page.waitForURL('**/pages/operator');
  },
};
