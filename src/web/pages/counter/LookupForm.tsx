import { useI18n } from '../../i18n/lang';
import type { CounterLookup } from './useCounterLookup';

/** One large field for a national ID or a renewal's id, checked as it is typed; Enter finds. */
export function LookupForm(props: { counter: CounterLookup }) {
  const { t } = useI18n();
  const { typed, type, hint, lookup, lookupInput } = props.counter;
  return (
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
          onInput={(event) => type(event.currentTarget.value.trim())}
        />
        <button type="submit" class="big primary" disabled={!hint.valid || lookup.busy}>
          {t('counterFind')}
        </button>
      </div>
      <p id="lookup-hint" class={hint.valid ? 'hint ok' : 'hint'} aria-live="polite">
        {t(hint.key, hint.params)}
      </p>
    </form>
  );
}
