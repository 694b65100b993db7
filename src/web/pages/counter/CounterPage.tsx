import type { PageSettings } from '../../../api/pages/page-settings';
import { ProblemMessage, When } from '../../components/common';
import { ForRole } from '../../components/Layout';
import { useI18n } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/messages';
import { HandOver } from './HandOver';
import { LookupForm } from './LookupForm';
import { useCounterLookup } from './useCounterLookup';

/**
 * The counter, used all day: find the citizen's passport by national ID or
 * renewal id, match the old passport they present, hand over the new one.
 * Large controls, Enter submits each step, and focus moves to the next one.
 */
export function CounterPage(_props: { settings: PageSettings }) {
  return (
    <ForRole role="clerk" titleKey="counterPageTitle">
      {() => <Counter />}
    </ForRole>
  );
}

function Counter() {
  const { t } = useI18n();
  const counter = useCounterLookup();
  const { lookup, found, selected, setSelected, visit } = counter;

  return (
    <>
      <LookupForm counter={counter} />
      <ProblemMessage problem={lookup.problem} />
      {found && found.length === 0 && <p class="notice">{t('counterNoneReady')}</p>}
      {found && found.length > 1 && !selected && (
        <ul class="choices">
          {found.map((renewal) => (
            <li key={renewal.renewalId}>
              <code dir="ltr">{renewal.renewalId}</code> <When iso={renewal.stageEnteredAt} />{' '}
              <button type="button" class="big" onClick={() => setSelected(renewal)}>
                {t('counterSelect')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && selected.stage !== 'READY_FOR_PICKUP' && (
        <p class="notice" role="status">
          {t('counterNotReady', { stage: t(`stage_${selected.stage}` as MessageKey) })}
        </p>
      )}
      {selected && selected.stage === 'READY_FOR_PICKUP' && (
        <HandOver
          key={`${selected.renewalId}-${visit}`}
          renewal={selected}
          handoverKey={counter.handoverKey}
          onNext={counter.nextCitizen}
        />
      )}
    </>
  );
}
