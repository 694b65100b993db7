import { useMemo, useRef, useState } from 'preact/hooks';
import type { PageSettings } from '../../../api/pages/page-settings';
import { api, newKey } from '../../api/http';
import type { CounterLookupRequest, RenewalView } from '../../api/types';
import { ProblemMessage, useAction, When } from '../../components/common';
import { ForRole } from '../../components/Layout';
import { useI18n } from '../../i18n/lang';
import type { MessageKey, Params } from '../../i18n/messages';
import { nationalIdHint } from '../../nationalIdHint';
import { HandOver } from './HandOver';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the clerk typed: a national ID (checked digit by digit) or a renewal's id. */
function lookupHint(typed: string): { key: MessageKey; params?: Params; valid: boolean } {
  if (UUID.test(typed)) return { key: 'counterLookupHint', valid: true };
  if (/^\d*$/.test(typed)) return typed ? nationalIdHint(typed) : { key: 'counterLookupHint', valid: false };
  return { key: 'counterLookupInvalid', valid: false };
}

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
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<RenewalView[]>();
  const [selected, setSelected] = useState<RenewalView>();
  const [visit, setVisit] = useState(0);
  const lookupInput = useRef<HTMLInputElement>(null);
  const hint = lookupHint(typed);
  const lookup = useAction(async () => {
    const renewals = UUID.test(typed)
      ? [await api.get<RenewalView>(`/v1/counter/renewals/${typed.toLowerCase()}`)]
      : await api.find<RenewalView[]>('/v1/counter/renewals/lookup', {
          nationalId: typed,
        } satisfies CounterLookupRequest);
    setFound(renewals);
    setSelected(renewals.length === 1 ? renewals[0] : undefined);
  });
  const nextCitizen = () => {
    setTyped('');
    setFound(undefined);
    setSelected(undefined);
    setVisit((n) => n + 1);
    lookup.clear();
    lookupInput.current?.focus();
  };
  const handoverKey = useMemo(newKey, [selected?.renewalId, visit]);

  return (
    <>
      <form
        class="counter-lookup"
        onSubmit={(event) => {
          event.preventDefault();
          if (hint.valid) void lookup.run();
        }}
      >
        <label for="lookup">{t('counterLookupLabel')}</label>
        <div class="big-row">
          <input
            id="lookup"
            ref={lookupInput}
            class="big"
            dir="ltr"
            autoFocus
            autoComplete="off"
            spellcheck={false}
            aria-describedby="lookup-hint"
            aria-invalid={typed.length > 0 && !hint.valid && hint.key !== 'nidDigitsLeft'}
            value={typed}
            onInput={(event) => {
              setTyped(event.currentTarget.value.trim());
              setFound(undefined);
              setSelected(undefined);
            }}
          />
          <button type="submit" class="big primary" disabled={!hint.valid || lookup.busy}>
            {t('counterFind')}
          </button>
        </div>
        <p id="lookup-hint" class={hint.valid ? 'hint ok' : 'hint'} aria-live="polite">
          {t(hint.key, hint.params)}
        </p>
      </form>
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
          handoverKey={handoverKey}
          onNext={nextCitizen}
        />
      )}
    </>
  );
}
