import type { RenewalView } from '../../api/types';
import { Field, ProblemMessage, When } from '../../components/common';
import { useI18n } from '../../i18n/lang';
import { PassportCheck } from './PassportCheck';
import { useHandOver } from './useHandOver';

/** Match the old passport presented (mismatches counted, the third flagged), then hand over the new one. */
export function HandOver(props: { renewal: RenewalView; handoverKey: string; onNext(): void }) {
  const { t } = useI18n();
  const { renewal } = props;
  const state = useHandOver(renewal.renewalId, props.handoverKey);
  const { verify, handOver, matched, mismatches, flagged, newPassport } = state;

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
      {!newPassport && <PassportCheck check={state.check} locked={matched || flagged} busy={verify.busy} />}
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
            ref={state.handoverButton}
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
        <button type="button" class="big" ref={state.nextButton} onClick={props.onNext}>
          {t('counterNext')}
        </button>
      )}
    </section>
  );
}
