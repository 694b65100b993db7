import type { PagesConfig } from '../../config/pages';

/** The lines `npm start` and `npm run demo` print so people find the pages. */
export function pageUrls(apiBaseUrl: string, config: Pick<PagesConfig, 'temporalUiUrl'>): string[] {
  return [
    `Citizen    ${apiBaseUrl}/pages/citizen`,
    `Counter    ${apiBaseUrl}/pages/counter`,
    `Operator   ${apiBaseUrl}/pages/operator`,
    `Sign-in    ${apiBaseUrl}/pages/sign-in`,
    `Temporal   ${config.temporalUiUrl}`,
  ];
}
