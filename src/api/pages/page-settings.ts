/**
 * What a page's script is told about this deployment (nothing secret), in a
 * JSON block of the page shell. Shared by the server and the pages' sources,
 * so it imports nothing.
 */
export const PAGES = ['citizen', 'counter', 'operator', 'sign-in'] as const;
export type PageName = (typeof PAGES)[number];

export interface PageSettings {
  page: PageName;
  /** Root of the Temporal UI, for the operator's links to a workflow. */
  temporalUiUrl: string;
  temporalNamespace: string;
  /** The development sign-in is served (sandbox stack only). */
  devSignIn: boolean;
}

export const PAGE_SETTINGS_ELEMENT_ID = 'page-settings';
