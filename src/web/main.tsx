import { render } from 'preact';
import { I18nProvider } from './i18n/lang';
import type { MessageKey } from './i18n/messages';
import { CitizenPage } from './pages/citizen/CitizenPage';
import { CounterPage } from './pages/counter/CounterPage';
import { OperatorPage } from './pages/operator/OperatorPage';
import { CallbackPage } from './pages/CallbackPage';
import { SignedOutPage } from './pages/SignedOutPage';
import { SignInPage } from './pages/SignInPage';
import { readPageSettings } from './settings';
import './styles.css';

const settings = readPageSettings();

const PAGES = {
  citizen: { titleKey: 'citizenPageTitle', Page: CitizenPage },
  counter: { titleKey: 'counterPageTitle', Page: CounterPage },
  operator: { titleKey: 'operatorPageTitle', Page: OperatorPage },
  'sign-in': { titleKey: 'signInPageTitle', Page: SignInPage },
  callback: { titleKey: 'callbackPageTitle', Page: CallbackPage },
  'signed-out': { titleKey: 'signedOutPageTitle', Page: SignedOutPage },
} satisfies Record<string, { titleKey: MessageKey; Page: unknown }>;

const { titleKey, Page } = PAGES[settings.page];
render(
  <I18nProvider titleKey={titleKey}>
    <Page settings={settings} />
  </I18nProvider>,
  document.getElementById('app')!,
);
