import type { PagesSettings } from './pages-options';

import { PAGE_SETTINGS_ELEMENT_ID, PageName, PageSettings } from './page-settings';

/** JSON that cannot close the script element it sits in. */
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The HTML every page starts from: Arabic and right-to-left until the script
 * applies the visitor's language; the script renders the page itself.
 */
export function pageShell(page: PageName, config: PagesSettings, versions: { js: string; css: string }): string {
  const settings: PageSettings = {
    page,
    temporalUiUrl: config.temporalUiUrl,
    temporalNamespace: config.temporalNamespace,
    signIn: config.signIn,
  };
  return `<!doctype html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>تجديد جواز السفر</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/pages/assets/app.css?v=${versions.css}">
<script type="application/json" id="${PAGE_SETTINGS_ELEMENT_ID}">${scriptSafeJson(settings)}</script>
<script defer src="/pages/assets/app.js?v=${versions.js}"></script>
</head>
<body>
<div id="app"></div>
<noscript><p>هذه الصفحة تحتاج إلى JavaScript. / This page needs JavaScript.</p></noscript>
</body>
</html>
`;
}
