import type { ComponentChildren } from 'preact';
import { currentSession, endSession, type Role, type Session, signInUrl } from '../api/session';
import { useI18n } from '../i18n/lang';
import type { MessageKey } from '../i18n/messages';

const ROLE_KEYS: Record<string, MessageKey> = { citizen: 'roleCitizen', clerk: 'roleClerk', operator: 'roleOperator' };

/** Header (title, language switch, who is signed in), then the page's main content. */
export function Layout(props: {
  titleKey: MessageKey;
  session?: Session;
  wide?: boolean;
  children: ComponentChildren;
}) {
  const { t, lang, switchLang } = useI18n();
  const { session } = props;
  const signOut = () => {
    endSession();
    location.assign(signInUrl(location.pathname));
  };
  return (
    <>
      <header class="masthead">
        <div class="brand">
          <span class="brand-name">{t('directorate')}</span>
          <span class="brand-service">{t('appTitle')}</span>
        </div>
        <nav class="masthead-tools" aria-label={t('appTitle')}>
          {session && (
            <span class="who">
              {t('signedInAs', {
                who: `${ROLE_KEYS[session.role] ? t(ROLE_KEYS[session.role]) : session.role}${session.office ? ` · ${session.office}` : ''}`,
              })}
            </span>
          )}
          {session && (
            <button type="button" class="link-button" onClick={signOut}>
              {t('signOut')}
            </button>
          )}
          <button type="button" class="lang-switch" lang={lang === 'ar' ? 'en' : 'ar'} onClick={switchLang}>
            {t('switchLanguage')}
          </button>
        </nav>
      </header>
      <main class={props.wide ? 'wide' : undefined}>
        <h1>{t(props.titleKey)}</h1>
        {props.children}
      </main>
    </>
  );
}

/**
 * A page for one role: its content for someone signed in with that role,
 * else a link to sign in as that role.
 */
export function ForRole(props: {
  role: Role;
  titleKey: MessageKey;
  wide?: boolean;
  children(session: Session): ComponentChildren;
}) {
  const { t } = useI18n();
  const session = currentSession();
  if (session?.role !== props.role) {
    return (
      <Layout titleKey={props.titleKey}>
        <p class="notice">
          {t('needsSignIn', { role: t(ROLE_KEYS[props.role]) })}{' '}
          <a href={signInUrl(location.pathname)}>{t('signIn')}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout titleKey={props.titleKey} session={session} wide={props.wide}>
      {props.children(session)}
    </Layout>
  );
}
