import type { PageSettings } from '../../api/pages/page-settings';
import { Layout, SignInButton } from '../components/Layout';
import { useI18n } from '../i18n/lang';
import { useSession } from '../session/keeper';
import { HOME_OF_ROLE } from '../session/session';

/** Back to the page that sent the visitor here: a page of these pages only (see provider.ts). */
const returnPath = () => new URLSearchParams(location.search).get('next') ?? '/pages/citizen';

/**
 * The way in: the national single sign-on (in development, the sandbox identity provider of `npm start`, whose
 * sign-in page lists the sandbox's people). No token is ever taken from a URL: a link carrying
 * `#access_token=...` signs nobody in here.
 */
export function SignInPage(_props: { settings: PageSettings }) {
  const { t } = useI18n();
  const session = useSession();
  const home = session && HOME_OF_ROLE[session.role];
  return (
    <Layout titleKey="signInPageTitle" session={session}>
      <section aria-labelledby="idp-title" class="stack">
        <h2 id="idp-title">{t('signIn')}</h2>
        <p>{t('signInIntro')}</p>
        {home ? <a href={home}>{t('appTitle')}</a> : <SignInButton returnTo={returnPath()} primary />}
      </section>
    </Layout>
  );
}
