import type { ComponentChildren } from 'preact';
import { startSignIn, signOut } from '../session/provider';
import { useSession, useSessionKeeper } from '../session/keeper';
import type { Role, Session } from '../session/session';
import { formatTime } from '../i18n/format';
import { useI18n } from '../i18n/lang';
import type { MessageKey } from '../i18n/messages';

const ROLE_KEYS: Record<string, MessageKey> = { citizen: 'roleCitizen', clerk: 'roleClerk', operator: 'roleOperator' };

/** The name to greet the person by, in the page's language when the provider gave it (as Absher does). */
function displayName(session: Session, lang: string): string | undefined {
  return (lang === 'ar' ? session.nameAr : undefined) ?? session.name;
}

/** Header (title, language switch, who is signed in), then the page's main content. */
export function Layout(props: {
  titleKey: MessageKey;
  session?: Session;
  wide?: boolean;
  children: ComponentChildren;
}) {
  const { t, lang, switchLang } = useI18n();
  const { session } = props;
  const { warning } = useSessionKeeper(session);
  const role = session && (ROLE_KEYS[session.role] ? t(ROLE_KEYS[session.role]) : session.role);
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
                who: [displayName(session, lang), role, session.office].filter(Boolean).join(' · '),
              })}
            </span>
          )}
          {session && (
            <button type="button" class="link-button" id="sign-out" onClick={signOut}>
              {t('signOut')}
            </button>
          )}
          <button type="button" class="lang-switch" lang={lang === 'ar' ? 'en' : 'ar'} onClick={switchLang}>
            {t('switchLanguage')}
          </button>
        </nav>
      </header>
      {session && warning && (
        <div class="notice session-warning" role="alert">
          {t('sessionEnding', { time: formatTime(session.expiresAt, lang) })}{' '}
          <button type="button" id="sign-in-again" onClick={() => void startSignIn(location.pathname)}>
            {t('signInAgain')}
          </button>
        </div>
      )}
      <main class={props.wide ? 'wide' : undefined}>
        <h1>{t(props.titleKey)}</h1>
        {props.children}
      </main>
    </>
  );
}

/** The button that sends the person to the identity provider, and back to this page. */
export function SignInButton(props: { returnTo?: string; primary?: boolean }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      class={props.primary ? 'primary sign-in' : 'sign-in'}
      onClick={() => void startSignIn(props.returnTo ?? location.pathname)}
    >
      {t('signIn')}
    </button>
  );
}

/**
 * A page for one role: its content for someone signed in with that role,
 * else a way to sign in as that role.
 */
export function ForRole(props: {
  role: Role;
  titleKey: MessageKey;
  wide?: boolean;
  children(session: Session): ComponentChildren;
}) {
  const { t } = useI18n();
  const session = useSession();
  if (session?.role !== props.role) {
    return (
      <Layout titleKey={props.titleKey} session={session}>
        <p class="notice">{t('needsSignIn', { role: t(ROLE_KEYS[props.role]) })}</p>
        <SignInButton primary />
      </Layout>
    );
  }
  return (
    <Layout titleKey={props.titleKey} session={session} wide={props.wide}>
      {props.children(session)}
    </Layout>
  );
}
