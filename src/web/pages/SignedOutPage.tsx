import type { PageSettings } from '../../api/pages/page-settings';
import { Layout, SignInButton } from '../components/Layout';
import { useI18n } from '../i18n/lang';

/** Where the identity provider sends the person after signing them out there too. */
export function SignedOutPage(_props: { settings: PageSettings }) {
  const { t } = useI18n();
  return (
    <Layout titleKey="signedOutPageTitle">
      <p id="signed-out">{t('signedOutText')}</p>
      <SignInButton returnTo="/pages/citizen" />
    </Layout>
  );
}
