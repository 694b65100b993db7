import type { RenewalStatus } from '../../api/types';
import { Field, When } from '../../components/common';
import { formatSar } from '../../i18n/format';
import { useI18n } from '../../i18n/lang';

/** The SADAD bill to pay: the number to pay it with, the amount, and by when. */
export function Bill(props: { status: RenewalStatus }) {
  const { t, lang } = useI18n();
  const { status } = props;
  return (
    <section class="bill" aria-labelledby="bill-title">
      <h2 id="bill-title">{t('billTitle')}</h2>
      <dl class="facts">
        <Field label={t('billNumber')}>
          <code dir="ltr" class="bill-number">
            {status.billNumber}
          </code>
        </Field>
        {status.amountDueSar !== undefined && (
          <Field label={t('billAmount')}>{formatSar(status.amountDueSar, lang)}</Field>
        )}
        {status.stageDeadline && (
          <Field label={t('billDueBy')}>
            <When iso={status.stageDeadline} hijri />
          </Field>
        )}
      </dl>
      <p>{t('billHowTo')}</p>
    </section>
  );
}
