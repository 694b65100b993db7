import { useEffect, useState } from 'preact/hooks';
import type { PageSettings } from '../../api/pages/page-settings';
import { api } from '../api/http';
import { HOME_OF_ROLE, type Session, startSession } from '../api/session';
import { ProblemMessage, useAction } from '../components/common';
import { Layout } from '../components/Layout';
import { useI18n } from '../i18n/lang';
import { nationalIdHint } from '../nationalIdHint';
import { OFFICES } from '../offices';

interface SeededIdentity {
  nationalId: string;
  nameAr: string;
  nameEn: string;
  passportStatus: string | null;
  waselSubscribed: boolean;
}

/** Back to the page that sent the visitor here when it is one for their role, else to their role's page. */
function goHome(session: Session): void {
  const next = new URLSearchParams(location.search).get('next');
  const home = HOME_OF_ROLE[session.role] ?? '/pages/sign-in';
  location.assign(next && next === home ? next : home);
}

/**
 * Production: the identity provider signs people in and sends them back with
 * the token in the URL fragment (never sent to a server, so never in a log),
 * which is taken and wiped from the address bar at once. Support staff may
 * paste a token. Sandbox only: pick a seeded person, a clerk or an operator.
 */
export function SignInPage(props: { settings: PageSettings }) {
  const { t } = useI18n();
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const token = fragment.get('access_token');
    if (!token) return;
    history.replaceState(null, '', location.pathname + location.search);
    const session = startSession(token);
    if (session) goHome(session);
    else setInvalid(true);
  }, []);

  const [pasted, setPasted] = useState('');
  const usePasted = (event: Event) => {
    event.preventDefault();
    const session = startSession(pasted.trim());
    if (session) goHome(session);
    else setInvalid(true);
  };

  return (
    <Layout titleKey="signInPageTitle">
      {props.settings.devSignIn ? (
        <DevSignIn />
      ) : (
        <section aria-labelledby="idp-title">
          <h2 id="idp-title">{t('signIn')}</h2>
          <p>{t('signInIdpIntro')}</p>
          <form onSubmit={usePasted} class="stack">
            <label for="token">{t('signInPasteToken')}</label>
            <input id="token" autoComplete="off" value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
            <button type="submit">{t('signInUseToken')}</button>
          </form>
        </section>
      )}
      {invalid && (
        <p class="problem" role="alert">
          {t('signInTokenInvalid')}
        </p>
      )}
    </Layout>
  );
}

function DevSignIn() {
  const { t, lang } = useI18n();
  const [people, setPeople] = useState<SeededIdentity[]>([]);
  const [otherId, setOtherId] = useState('');
  const [office, setOffice] = useState(OFFICES[0].id);
  const signIn = useAction(async (claims: { role: string; sub: string; office?: string }) => {
    const { token } = await api.post<{ token: string }>('/pages/dev/sign-in', claims);
    const session = startSession(token);
    if (session) goHome(session);
  });
  const load = useAction(async () => setPeople(await api.get<SeededIdentity[]>('/pages/dev/identities')));
  useEffect(() => void load.run(), []);
  const hint = nationalIdHint(otherId);

  return (
    <>
      <p class="notice">{t('devSignInIntro')}</p>
      <ProblemMessage problem={signIn.problem ?? load.problem} />
      <section aria-labelledby="dev-citizens">
        <h2 id="dev-citizens">{t('devCitizens')}</h2>
        <ul class="people">
          {people.map((person) => {
            const name = lang === 'ar' ? person.nameAr : person.nameEn;
            return (
              <li key={person.nationalId}>
                <button
                  type="button"
                  disabled={signIn.busy}
                  onClick={() => signIn.run({ role: 'citizen', sub: person.nationalId })}
                >
                  {t('devSignInAs', { name })}
                </button>
                <span class="muted" dir="ltr">
                  {person.nationalId}
                </span>
                <span class="muted">
                  {t('passportStatus', { status: person.passportStatus ?? t('none') })} ·{' '}
                  {person.waselSubscribed ? t('devWasel') : t('devNoWasel')}
                </span>
              </li>
            );
          })}
        </ul>
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (hint.valid) void signIn.run({ role: 'citizen', sub: otherId });
          }}
        >
          <label for="other-national-id">{t('devOtherCitizen')}</label>
          <input
            id="other-national-id"
            inputMode="numeric"
            dir="ltr"
            autoComplete="off"
            aria-describedby="other-national-id-hint"
            aria-invalid={otherId.length > 0 && !hint.valid && hint.key !== 'nidDigitsLeft'}
            value={otherId}
            onInput={(event) => setOtherId(event.currentTarget.value.trim())}
          />
          <span id="other-national-id-hint" class={hint.valid ? 'hint ok' : 'hint'} aria-live="polite">
            {t(hint.key, hint.params)}
          </span>
          <button type="submit" disabled={!hint.valid || signIn.busy}>
            {t('signIn')}
          </button>
        </form>
      </section>
      <section aria-labelledby="dev-clerk">
        <h2 id="dev-clerk">{t('devClerk')}</h2>
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void signIn.run({ role: 'clerk', sub: `clerk-${office.toLowerCase()}`, office });
          }}
        >
          <label for="clerk-office">{t('office')}</label>
          <select id="clerk-office" value={office} onChange={(event) => setOffice(event.currentTarget.value)}>
            {OFFICES.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate[lang]} ({candidate.id})
              </option>
            ))}
          </select>
          <button type="submit" disabled={signIn.busy}>
            {t('devSignInAsClerk')}
          </button>
        </form>
      </section>
      <section aria-labelledby="dev-operator">
        <h2 id="dev-operator">{t('devOperator')}</h2>
        <button type="button" disabled={signIn.busy} onClick={() => signIn.run({ role: 'operator', sub: 'ops-1' })}>
          {t('devSignInAsOperator')}
        </button>
      </section>
    </>
  );
}
