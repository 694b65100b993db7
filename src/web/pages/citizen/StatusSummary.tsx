import { TERMINAL_STAGES } from '../../../../workflows/contract/stages';
import type { RenewalStatus } from '../../api/types';
import { Field, When } from '../../components/common';
import { useI18n } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/messages';
import { isMessageKey } from '../../i18n/messages';
import { describeReason } from '../../i18n/reasons';
import { officeName } from '../../offices';

/** Where the renewal is, what is next and by when, at a glance. */
export function StatusSummary(props: { status: RenewalStatus }) {
  const { t, lang } = useI18n();
  const { status } = props;
  const ended = TERMINAL_STAGES.has(status.stage);
  const actionKey = `action_${status.pendingAction}`;
  // Past a deadline (of the stage, or the delivery SLA): operators were alerted, and the citizen is told so.
  const delayed = !ended && (status.overdue || status.slaBreached);
  return (
    <section class="summary" aria-labelledby="summary-title" data-stage={status.stage}>
      <h2 id="summary-title">
        {t('currentStage')}: <span class="stage-name">{t(`stage_${status.stage}` as MessageKey)}</span>
        {status.slaBreached && <span class="badge warn">{t('slaBreachedBadge')}</span>}
        {status.overdue && !ended && <span class="badge warn">{t('delayedBadge')}</span>}
      </h2>
      <dl class="facts">
        <Field label={t('renewalNumber')}>
          <code dir="ltr">{status.renewalId}</code>
        </Field>
        <Field label={t('office')}>{officeName(status.officeId, lang)}</Field>
        <Field label={t('deliveryMethod')}>{t(`method_${status.deliveryMethod}`)}</Field>
        {status.issueNumber > 1 && <Field label={t('issueNumber', { n: status.issueNumber })}>✓</Field>}
        {status.tracking && (
          <Field label={t('trackingNumber')}>
            <code dir="ltr" class="tracking">
              {status.tracking.trackingNumber}
            </code>
          </Field>
        )}
        {status.tracking?.slaDeadline && !ended && (
          <Field label={t('slaDeadline')}>
            <When iso={status.tracking.slaDeadline} hijri />
          </Field>
        )}
        {status.stageDeadline && !ended && (
          <Field label={t('deadline')}>
            <When iso={status.stageDeadline} hijri />
          </Field>
        )}
        {!ended && (
          <Field label={t('nextStep')}>
            <strong class="next-step">
              {isMessageKey(actionKey) ? t(actionKey) : delayed ? t('delayedOperatorsOnIt') : t('nothingToDo')}
            </strong>
          </Field>
        )}
        {ended && status.outcomeReason && (
          <Field label={t('outcome')}>
            <strong class="outcome">{describeReason(status.outcomeReason, t)}</strong>
          </Field>
        )}
      </dl>
    </section>
  );
}
