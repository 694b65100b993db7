import { useState } from 'preact/hooks';
import type { PageSettings } from '../../../api/pages/page-settings';
import { ProblemMessage } from '../../components/common';
import { ForRole } from '../../components/Layout';
import { useI18n } from '../../i18n/lang';
import { useCodecSession } from '../../session/codec-session';
import type { Session } from '../../session/session';
import { AuditTrail } from './AuditTrail';
import { DeskFilters } from './DeskFilters';
import { RenewalRows } from './RenewalRows';
import { useDesk } from './useDesk';

export function OperatorPage(props: { settings: PageSettings }) {
  return (
    <ForRole role="operator" titleKey="operatorPageTitle" wide>
      {(session) => <Desk settings={props.settings} session={session} />}
    </ForRole>
  );
}

function Desk(props: { settings: PageSettings; session: Session }) {
  const { t } = useI18n();
  // The codec session the Temporal UI decodes with, opened with every token the desk gets.
  useCodecSession(props.session);
  const { filters, setFilters, desk, refresh, notice, acted } = useDesk();
  const [auditOf, setAuditOf] = useState<string>();
  const rowsProps = { settings: props.settings, onAudit: setAuditOf, onActed: acted };

  return (
    <>
      <DeskFilters filters={filters} onChange={setFilters} refresh={refresh} />
      {notice && (
        <p class="ok" role="status">
          {notice}
        </p>
      )}
      <ProblemMessage problem={refresh.problem} />
      {!desk && !refresh.problem && <p>{t('loading')}</p>}
      {desk && (
        <>
          <section aria-labelledby="attention-title">
            <h2 id="attention-title">
              {t('needsAttention')} ({desk.attention.length})
            </h2>
            <RenewalRows rows={desk.attention} caption={t('needsAttention')} {...rowsProps} />
          </section>
          <section aria-labelledby="others-title">
            <h2 id="others-title">{t('allRenewals')}</h2>
            <RenewalRows rows={desk.others} caption={t('allRenewals')} {...rowsProps} />
          </section>
        </>
      )}
      {auditOf && <AuditTrail renewalId={auditOf} onClose={() => setAuditOf(undefined)} />}
    </>
  );
}
