import { useI18n } from '../../i18n/lang';
import type { HandOverState } from './useHandOver';

/** The old passport's number as presented, and the citizen's identity confirmed, to match against the record. */
export function PassportCheck(props: { check: HandOverState['check']; locked: boolean; busy: boolean }) {
  const { t } = useI18n();
  const { presented, setPresented, identity, setIdentity, tried, formatOk, passportInput, submit } = props.check;
  return (
    <form onSubmit={submit} noValidate>
      <label for="presented">{t('counterOldPassport')}</label>
      <input
        id="presented"
        ref={passportInput}
        class="big"
        dir="ltr"
        autoComplete="off"
        spellcheck={false}
        maxLength={9}
        disabled={props.locked}
        aria-invalid={tried && !formatOk}
        aria-describedby="presented-hint"
        value={presented}
        onInput={(event) => setPresented(event.currentTarget.value.toUpperCase().replace(/\s/g, ''))}
      />
      <p id="presented-hint" class="hint">
        {t('counterPassportFormat')}
      </p>
      <label class="check big-check">
        <input
          type="checkbox"
          checked={identity}
          disabled={props.locked}
          onChange={(event) => setIdentity(event.currentTarget.checked)}
        />
        {t('counterIdentity')}
      </label>
      {tried && !identity && (
        <p class="field-error" role="alert">
          {t('counterIdentityRequired')}
        </p>
      )}
      <button type="submit" class="big" disabled={props.busy || props.locked}>
        {t('counterMatch')}
      </button>
    </form>
  );
}
