import { PAGE_SETTINGS_ELEMENT_ID, type PageSettings } from '../api/pages/page-settings';

let settings: PageSettings | undefined;

/** What the page shell says about this deployment (read once). */
export function readPageSettings(): PageSettings {
  settings ??= JSON.parse(document.getElementById(PAGE_SETTINGS_ELEMENT_ID)?.textContent ?? '{}') as PageSettings;
  return settings;
}
