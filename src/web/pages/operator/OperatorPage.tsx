import { useEffect, useState } from 'preact/hooks';
import type { PageSettings } from '../../../api/pages/page-settings';
import { DELIVERY_METHODS } from '../../../../workflows/contract/acceptance';
import { RENEWAL_STAGES } from '../../../../workflows/contract/stages';
import { api } from '../../api/http';
import type { RenewalPage, RenewalView } from '../../api/types';
import { ProblemMessage, useAction } from '../../components/common';
import { ForRole } from '../../components/Layout';
import { useI18n } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/messages';
import { OFFICES } from '../../offices';
import { AuditTrail } from './AuditTrail';
import { RenewalRows } from './RenewalRows';

/** The desk looks again this often, so a renewal that just fell behind shows up by itself. */
const REFRESH_MS = 5_000;

interface Filters {
  stage: string;
  officeId: string;
  deliveryMethod: string;
}

function query(filters: Filters, extra: Record<string, string>): string {
  const params = new URLSearchParams(extra);
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return `/v1/operator/renewals?${params}`;
}

/** Past their stage deadline first (the longest overdue on top), then SLA breaches; the rest below. */
async function loadDesk(filters: Filters): Promise<{ attention: RenewalView[]; others: RenewalView[] }> {
  const [overdue, breached, all] = await Promise.all([
    api.get<RenewalPage>(query(filters, { pastDeadline: 'true', limit: '200' })),
    api.get<RenewalPage>(query(filters, { slaBreached: 'true', limit: '200' })),
    api.get<RenewalPage>(query(filters, { limit: '100' })),
  ]);
  const byDeadline = (a: RenewalView, b: RenewalView) => (a.stageDeadline ?? '').localeCompare(b.stageDeadline ?? '');
  const attention = [...overdue.items.sort(byDeadline)];
  for (const renewal of breached.items) {
    if (!attention.some((row) => row.renewalId === renewal.renewalId)) attention.push(renewal);
  }
  const others = all.items.filter((renewal) => !attention.some((row) => row.renewalId === renewal.renewalId));
  return { attention, others };
}

export function OperatorPage(props: { settings: PageSettings }) {
  return (
    <ForRole role="operator" titleKey="operatorPageTitle" wide>
      {() => <Desk settings={props.settings} />}
    </ForRole>
  );
}

function Desk(props: { settings: PageSettings }) {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState<Filters>({ stage: '', officeId: '', deliveryMethod: '' });
  const [desk, setDesk] = useState<{ attention: RenewalView[]; others: RenewalView[] }>();
  const [auditOf, setAuditOf] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const refresh = useAction(async () => setDesk(await loadDesk(filters)));
  useEffect(() => {
    void refresh.run();
    const timer = setInterval(() => void refresh.run(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [filters.stage, filters.officeId, filters.deliveryMethod]);

  const set = (name: keyof Filters) => (event: Event) =>
    setFilters({ ...filters, [name]: (event.currentTarget as HTMLSelectElement).value });
  const acted = (message: string) => {
    setNotice(message);
    void refresh.run();
  };
  const rowsProps = { settings: props.settings, onAudit: setAuditOf, onActed: acted };

  return (
    <>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('filterStage')}
          <select name="stage" value={filters.stage} onChange={set('stage')}>
            <option value="">{t('filterAny')}</option>
            {RENEWAL_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`stage_${stage}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterOffice')}
          <select name="officeId" value={filters.officeId} onChange={set('officeId')}>
            <option value="">{t('filterAny')}</option>
            {OFFICES.map((office) => (
              <option key={office.id} value={office.id}>
                {office[lang]} ({office.id})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filterDelivery')}
          <select name="deliveryMethod" value={filters.deliveryMethod} onChange={set('deliveryMethod')}>
            <option value="">{t('filterAny')}</option>
            {DELIVERY_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(`method_${method}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void refresh.run()} disabled={refresh.busy}>
          {t('refresh')}
        </button>
      </form>
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
