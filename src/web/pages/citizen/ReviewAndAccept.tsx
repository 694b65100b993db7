import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import type { Review } from '../../api/types';
import { ProblemMessage, useAction } from '../../components/common';
import { formatSar } from '../../i18n/format';
import { useI18n } from '../../i18n/lang';
import { Confirmations } from './Confirmations';
import { DataOnFile } from './DataOnFile';
import { DeliveryChoice } from './DeliveryChoice';
import { useAcceptance } from './useAcceptance';
import { ValidityChoice } from './ValidityChoice';

/**
 * The data on file and the acceptance: photo and English name confirmed, every
 * pledge accepted, a validity the citizen's age allows, and pickup or home
 * delivery (with what Wasel means). The renewal validates it again.
 */
export function ReviewAndAccept(props: { renewalId: string; officeId: string }) {
  const [review, setReview] = useState<Review>();
  const load = useAction(async () => setReview(await api.get<Review>(`/v1/renewals/${props.renewalId}/review`)));
  useEffect(() => void load.run(), [props.renewalId]);
  if (!review) return <ProblemMessage problem={load.problem} />;
  return <AcceptanceForm {...props} review={review} />;
}

function AcceptanceForm(props: { renewalId: string; officeId: string; review: Review }) {
  const { t, lang } = useI18n();
  const { review } = props;
  const acceptance = useAcceptance(props.renewalId, props.officeId, review);
  const { accept, complete } = acceptance;
  return (
    <form class="review" onSubmit={acceptance.submit} aria-labelledby="review-title" noValidate>
      <h2 id="review-title">{t('reviewTitle')}</h2>
      <DataOnFile review={review} />
      <Confirmations pledgeIds={review.requiredPledgeIds} confirmations={acceptance.confirmations} />
      <ValidityChoice review={review} method={acceptance.delivery.method} validity={acceptance.validity} />
      <DeliveryChoice
        officeId={props.officeId}
        postage={formatSar(review.fees.postageSar, lang)}
        delivery={acceptance.delivery}
      />
      <p class="total">{t('total', { amount: formatSar(acceptance.total, lang) })}</p>
      {acceptance.incomplete && !complete && (
        <p class="problem" role="alert">
          {t('mustConfirmAll')}
        </p>
      )}
      <ProblemMessage problem={accept.problem} />
      <button type="submit" class="primary" disabled={accept.busy}>
        {accept.busy ? t('working') : t('acceptAndContinue')}
      </button>
    </form>
  );
}
