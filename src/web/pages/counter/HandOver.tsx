import { useEffect, useRef, useState } from 'preact/hooks';
import { PASSPORT_NUMBER_CANONICAL } from '../../../domain/passport-number';
import { COUNTER_MISMATCHES_BEFORE_ALERT } from '../../../../workflows/contract/counter';
import { api, newKey } from '../../api/http';
import type {
  HandoverRequest,
  HandoverResult,
  RenewalView,
  VerificationRequest,
  VerificationResult,
} from '../../api/types';
import { Field, ProblemMessage, useAction, When } from '../../components/common';
import { useI18n } from '../../i18n/lang';

/** Match the old passport presented (mismatches counted, the third flagged), then hand over the new one. */
export function HandOver(props: { renewal: RenewalView; handoverKey: string; onNext(): void }) {
  const { t } = useI18n();
  const { renewal } = props;
  const [presented, setPresented] = useState('');
  const [identity, setIdentity] = useState(false);
  const [tried, setTried] = useState(false);
  const [matched, setMatched] = useState(false);
  const [mismatches, setMismatches] = useState(0);
  const [newPassport, setNewPassport] = useState<string>();
  const passportInput = useRef<HTMLInputElement>(null);
  const handoverButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);

  const verify = useAction(async () => {
    const result = await api.post<VerificationResult>(
      `/v1/counter/renewals/${renewal.renewalId}/verification`,
      { presentedPassportNumber: presented, identityConfirmed: true } satisfies VerificationRequest,
      newKey(),
    );
    setMatched(result.matched);
    setMismatches(result.mismatchesSoFar);
    if (!result.matched) passportInput.current?.select();
  });
  const handOver = useAction(async () => {
    const result = await api.post<HandoverResult>(
      `/v1/counter/renewals/${renewal.renewalId}/handover`,
      {} satisfies HandoverRequest,
      props.handoverKey,
    );
    setNewPassport(result.newPassportNumber);
  });
  useEffect(() => passportInput.current?.focus(), []);
  useEffect(() => {
    if (matched) handoverButton.current?.focus();
  }, [matched]);
  useEffect(() => {
    if (newPassport) nextButton.current?.focus();
  }, [newPassport]);

  // The workflow alerts operators at this many mismatches; the counter stops there too.
  const flagged = mismatches >= COUNTER_MISMATCHES_BEFORE_ALERT && !matched;
  const formatOk = PASSPORT_NUMBER_CANONICAL.test(presented);
  const submit = (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (formatOk && identity && !flagged) void verify.run();
  };

  return (
    <section class="handover" aria-labelledby="handover-title">
      <h2 id="handover-title">
        <code dir="ltr">{renewal.renewalId}</code>
      </h2>
      <dl class="facts">
        <Field label={t('counterReadySince')}>
          <When iso={renewal.stageEnteredAt} />
        </Field>
        {renewal.stageDeadline && (
          <Field label={t('counterCollectBy')}>
            <When iso={renewal.stageDeadline} hijri />
          </Field>
        )}
      </dl>
      {!newPassport && (
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
            disabled={matched || flagged}
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
              disabled={matched || flagged}
              onChange={(event) => setIdentity(event.currentTarget.checked)}
            />
            {t('counterIdentity')}
          </label>
          {tried && !identity && (
            <p class="field-error" role="alert">
              {t('counterIdentityRequired')}
            </p>
          )}
          <button type="submit" class="big" disabled={verify.busy || matched || flagged}>
            {t('counterMatch')}
          </button>
        </form>
      )}
      <ProblemMessage problem={verify.problem ?? handOver.problem} />
      {mismatches > 0 && !matched && (
        <p class={flagged ? 'problem flagged' : 'problem'} role="alert" data-mismatches={mismatches}>
          {t('counterMismatch', { n: mismatches })}
          {flagged && (
            <>
              <br />
              <strong>{t('counterFlagged')}</strong>
            </>
          )}
        </p>
      )}
      {matched && !newPassport && (
        <>
          <p class="ok" role="status">
            {t('counterMatched')}
          </p>
          <button
            type="button"
            class="big primary"
            ref={handoverButton}
            disabled={handOver.busy}
            onClick={() => void handOver.run()}
          >
            {handOver.busy ? t('working') : t('counterHandOver')}
          </button>
        </>
      )}
      {newPassport && (
        <p class="ok outcome" role="status">
          {t('counterHandedOver', { number: newPassport })}
        </p>
      )}
      {(newPassport || flagged) && (
        <button type="button" class="big" ref={nextButton} onClick={props.onNext}>
          {t('counterNext')}
        </button>
      )}
    </section>
  );
}
