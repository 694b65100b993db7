import { PAGE_SETTINGS_ELEMENT_ID, type PageSettings } from '../api/pages/page-settings';

/** What the page shell says about this deployment. */
export function readPageSettings(): PageSettings {
  const element = document.getElementById(PAGE_SETTINGS_ELEMENT_ID);
  return JSON.parse(element?.textContent ?? '{}') as PageSettings;
}
