import { useMemo, useState } from 'preact/hooks';
import { api, newKey } from '../../api/http';
import type { CreateRenewalRequest, RenewalCreated } from '../../api/types';
import { ProblemMessage, useAction } from '../../components/common';
import { useI18n } from '../../i18n/lang';
import { OFFICES } from '../../offices';

/** Starts a renewal of the signed-in citizen's passport at the office they choose. */
export function StartRenewal(props: { onStarted(renewalId: string): void }) {
  const { t, lang } = useI18n();
  const [officeId, setOfficeId] = useState(OFFICES[0].id);
  // One key for this intended start: pressing twice, or retrying after a lost answer, starts one renewal.
  const key = useMemo(newKey, []);
  const start = useAction(async () => {
    const renewal = await api.post<RenewalCreated>('/v1/renewals', { officeId } satisfies CreateRenewalRequest, key);
    props.onStarted(renewal.renewalId);
  });
  return (
    <section aria-labelledby="start-title">
      <h2 id="start-title">{t('startRenewal')}</h2>
      <p>{t('startIntro')}</p>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void start.run();
        }}
      >
        <label for="office">{t('officeLabel')}</label>
        <select id="office" value={officeId} onChange={(event) => setOfficeId(event.currentTarget.value)}>
          {OFFICES.map((office) => (
            <option key={office.id} value={office.id}>
              {office[lang]} ({office.id})
            </option>
          ))}
        </select>
        <ProblemMessage problem={start.problem} />
        <button type="submit" class="primary" disabled={start.busy}>
          {start.busy ? t('working') : t('startRenewal')}
        </button>
      </form>
    </section>
  );
}
