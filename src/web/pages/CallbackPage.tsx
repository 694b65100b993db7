import { useEffect, useState } from 'preact/hooks';
import type { PageSettings } from '../../api/pages/page-settings';
import { Layout, SignInButton } from '../components/Layout';
import { useI18n } from '../i18n/lang';
import { completeSignIn } from '../session/provider';

/** Where the identity provider sends the person back with a code: redeemed, then on to the page they came from. */
export function CallbackPage(_props: { settings: PageSettings }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    completeSignIn()
      .then((returnTo) => location.replace(returnTo))
      .catch((error: unknown) => {
        console.error(`sign-in: ${error instanceof Error ? error.message : String(error)}`);
        setFailed(true);
      });
  }, []);
  return (
    <Layout titleKey="callbackPageTitle">
      {failed ? (
        <>
          <p class="problem" role="alert">
            {t('signInFailed')}
          </p>
          <SignInButton returnTo="/pages/citizen" />
        </>
      ) : (
        <p aria-live="polite">{t('signingIn')}</p>
      )}
    </Layout>
  );
}
