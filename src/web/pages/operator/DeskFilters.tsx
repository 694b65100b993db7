import { DELIVERY_METHODS } from '../../../../workflows/contract/acceptance';
import { RENEWAL_STAGES } from '../../../../workflows/contract/stages';
import type { Action } from '../../components/common';
import { useI18n } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/messages';
import { OFFICES } from '../../offices';
import type { Filters } from './useDesk';

/** Stage, office and delivery filters, and a refresh button. */
export function DeskFilters(props: { filters: Filters; onChange(filters: Filters): void; refresh: Action<[]> }) {
  const { t, lang } = useI18n();
  const { filters, refresh } = props;
  const set = (name: keyof Filters) => (event: Event) =>
    props.onChange({ ...filters, [name]: (event.currentTarget as HTMLSelectElement).value });
  return (
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
  );
}
