import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import type { AuditEvent, AuditTrailPage } from '../../api/types';
import { ProblemMessage, useAction, When } from '../../components/common';
import { useI18n } from '../../i18n/lang';

/** Who did what to a renewal, oldest first; citizens appear by pseudonym only. */
export function AuditTrail(props: { renewalId: string; onClose(): void }) {
  const { t } = useI18n();
  const [events, setEvents] = useState<AuditEvent[]>();
  // The first page: 200 lines, more than a renewal's whole trail as a rule.
  const load = useAction(async () =>
    setEvents((await api.get<AuditTrailPage>(`/v1/operator/renewals/${props.renewalId}/audit`)).items),
  );
  useEffect(() => void load.run(), [props.renewalId]);
  return (
    <section class="audit" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('auditFor', { id: props.renewalId.slice(0, 8) })}</h2>
      <ProblemMessage problem={load.problem} />
      {events && (
        <table class="desk">
          <thead>
            <tr>
              <th scope="col">{t('auditAt')}</th>
              <th scope="col">{t('auditActor')}</th>
              <th scope="col">{t('auditAction')}</th>
              <th scope="col">{t('auditOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event, index) => (
              <tr key={index}>
                <td>
                  <When iso={event.at} />
                </td>
                <td dir="ltr">
                  <code>{event.actor}</code>
                </td>
                <td dir="ltr">
                  <code>{event.action}</code>
                </td>
                <td dir="ltr">
                  <code>{event.outcome}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={props.onClose}>
        {t('close')}
      </button>
    </section>
  );
}
