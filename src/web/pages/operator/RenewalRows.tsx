import type { PageSettings } from '../../../api/pages/page-settings';
import { TERMINAL_STAGES, WITH_CARRIER_STAGES } from '../../../../workflows/contract/stages';
import { newKey } from '../../api/http';
import type { RenewalView } from '../../api/types';
import { When } from '../../components/common';
import { formatDuration } from '../../i18n/format';
import { useI18n } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/messages';
import { officeName } from '../../offices';
import { InterventionDialog, useIntervention } from './Intervention';
import { temporalUiLink } from './temporalUiLink';

export function RenewalRows(props: {
  rows: RenewalView[];
  caption: string;
  settings: PageSettings;
  onAudit(renewalId: string): void;
  onActed(message: string): void;
}) {
  const { t, lang } = useI18n();
  const intervention = useIntervention(props.onActed);
  const { setAsking } = intervention;

  if (props.rows.length === 0) return <p class="muted">{t('noRenewals')}</p>;
  const now = Date.now();
  return (
    <>
      <table class="desk">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columnRenewal')}</th>
            <th scope="col">{t('columnStage')}</th>
            <th scope="col">{t('columnOffice')}</th>
            <th scope="col">{t('columnDelivery')}</th>
            <th scope="col">{t('columnDeadline')}</th>
            <th scope="col">{t('columnActions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((renewal) => {
            const ended = TERMINAL_STAGES.has(renewal.stage);
            const deadline = renewal.stageDeadline ? Date.parse(renewal.stageDeadline) : undefined;
            const overdue = !ended && deadline !== undefined && deadline < now;
            return (
              <tr key={renewal.renewalId} data-renewal-id={renewal.renewalId} data-stage={renewal.stage}>
                <td>
                  <code dir="ltr" title={renewal.renewalId}>
                    {renewal.renewalId.slice(0, 8)}
                  </code>
                </td>
                <td>
                  {t(`stage_${renewal.stage}` as MessageKey)}
                  {overdue && !renewal.overdue && <span class="badge danger">{t('pastDeadlineBadge')}</span>}
                  {renewal.overdue && !ended && <span class="badge danger">{t('overdueBadge')}</span>}
                  {renewal.slaBreached && <span class="badge warn">{t('slaBreachedBadge')}</span>}
                </td>
                <td>{officeName(renewal.officeId, lang)}</td>
                <td>{t(`method_${renewal.deliveryMethod}`)}</td>
                <td>
                  {renewal.stageDeadline ? <When iso={renewal.stageDeadline} /> : '—'}
                  {overdue && (
                    <span class="overdue"> {t('overdueBy', { duration: formatDuration(now - deadline!, lang) })}</span>
                  )}
                </td>
                <td>
                  <div class="row-actions">
                    <a
                      href={temporalUiLink(props.settings, renewal.renewalId)}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {t('openInTemporal')}
                    </a>
                    <button type="button" class="link-button" onClick={() => props.onAudit(renewal.renewalId)}>
                      {t('auditTrail')}
                    </button>
                    {WITH_CARRIER_STAGES.has(renewal.stage) && (
                      <button type="button" onClick={() => setAsking({ kind: 'loss', renewal, key: newKey() })}>
                        {t('declareLoss')}
                      </button>
                    )}
                    {!ended && (
                      <button
                        type="button"
                        class="danger-outline"
                        onClick={() => setAsking({ kind: 'cancel', renewal, key: newKey() })}
                      >
                        {t('operatorCancel')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <InterventionDialog intervention={intervention} />
    </>
  );
}
