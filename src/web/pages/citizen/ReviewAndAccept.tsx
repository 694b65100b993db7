import { useEffect, useMemo, useState } from 'preact/hooks';
import { type DeliveryMethod, feeFor, type ValidityYears } from '../../../../workflows/contract/acceptance';
import { api, newKey } from '../../api/http';
import type { AcceptanceRequest, Review } from '../../api/types';
import { Field, ProblemMessage, useAction } from '../../components/common';
import { formatDay, formatSar } from '../../i18n/format';
import { useI18n } from '../../i18n/lang';
import { isMessageKey, type MessageKey } from '../../i18n/messages';
import { OFFICES, officeName } from '../../offices';

/**
 * The data on file and the acceptance: photo and English name confirmed, every
 * pledge accepted, a validity the citizen's age allows, and pickup or home
 * delivery (with what Wasel means). The renewal validates it again.
 */
export function ReviewAndAccept(props: { renewalId: string; officeId: string }) {
  const { t, lang } = useI18n();
  const [review, setReview] = useState<Review>();
  const load = useAction(async () => setReview(await api.get<Review>(`/v1/renewals/${props.renewalId}/review`)));
  useEffect(() => void load.run(), [props.renewalId]);

  const [photo, setPhoto] = useState(false);
  const [englishName, setEnglishName] = useState(false);
  const [pledges, setPledges] = useState<Set<string>>(new Set());
  const [validity, setValidity] = useState<ValidityYears>();
  const [method, setMethod] = useState<DeliveryMethod>('PICKUP');
  const [pickupOffice, setPickupOffice] = useState(props.officeId);
  const [incomplete, setIncomplete] = useState(false);
  const key = useMemo(newKey, []);
  // The longest validity the citizen's age allows, until they choose.
  const chosenYears = (allowed: ValidityYears[]) => validity ?? allowed[allowed.length - 1];
  const accept = useAction(async () => {
    await api.post(
      `/v1/renewals/${props.renewalId}/acceptance`,
      {
        photoConfirmed: photo,
        englishNameConfirmed: englishName,
        acceptedPledgeIds: [...pledges],
        validityYears: chosenYears(review!.validityYearsAllowed),
        delivery: method === 'PICKUP' ? { method, officeId: pickupOffice } : { method },
      } satisfies AcceptanceRequest,
      key,
    );
  });

  if (!review) return <ProblemMessage problem={load.problem} />;
  const allowed = review.validityYearsAllowed;
  const years = chosenYears(allowed);
  // The workflow's own rule: the total shown is the bill the acceptance will issue.
  const total = feeFor(years, method, review.fees).totalSar;
  const complete = photo && englishName && review.requiredPledgeIds.every((id) => pledges.has(id));
  const togglePledge = (id: string, on: boolean) => {
    const next = new Set(pledges);
    if (on) next.add(id);
    else next.delete(id);
    setPledges(next);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    setIncomplete(!complete);
    if (complete) void accept.run();
  };
  const offices = OFFICES.some((office) => office.id === props.officeId)
    ? OFFICES
    : [{ id: props.officeId, ar: props.officeId, en: props.officeId }, ...OFFICES];

  return (
    <form class="review" onSubmit={submit} aria-labelledby="review-title" noValidate>
      <h2 id="review-title">{t('reviewTitle')}</h2>
      <div class="review-card">
        <figure class="photo">
          <svg viewBox="0 0 120 150" role="img" aria-label={t('photoOnFile')}>
            <rect width="120" height="150" rx="8" class="photo-frame" />
            <circle cx="60" cy="55" r="28" class="photo-figure" />
            <path d="M18 150c4-34 22-52 42-52s38 18 42 52z" class="photo-figure" />
          </svg>
          <figcaption>
            {t('photoOnFile')}
            <br />
            <span class="muted">
              {t('photoReference')} <bdi dir="ltr">{review.photoRef}</bdi>
            </span>
          </figcaption>
        </figure>
        <dl class="facts">
          <Field label={t('nameArabic')}>
            <span lang="ar">{review.nameAr}</span>
          </Field>
          <Field label={t('nameEnglish')}>
            <span lang="en" dir="ltr" class="name-en">
              {review.nameEn}
            </span>
          </Field>
          <Field label={t('dateOfBirth')}>{formatDay(review.dateOfBirth, lang)}</Field>
          <Field label={t('mobile')}>
            <span dir="ltr">{review.mobile}</span>
          </Field>
          {review.passport && (
            <Field label={t('currentPassport')}>
              {t('passportExpires', {
                number: review.passport.passportNumber,
                date: formatDay(review.passport.expiresOn, lang),
              })}
            </Field>
          )}
        </dl>
      </div>

      <fieldset>
        <legend>{t('confirm')}</legend>
        <label class="check">
          <input type="checkbox" name="photo" checked={photo} onChange={(e) => setPhoto(e.currentTarget.checked)} />
          {t('confirmPhoto')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="englishName"
            checked={englishName}
            onChange={(e) => setEnglishName(e.currentTarget.checked)}
          />
          {t('confirmEnglishName')}
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('pledgesTitle')}</legend>
        {review.requiredPledgeIds.map((id) => {
          const textKey = `pledge_${id}`;
          return (
            <label class="check" key={id}>
              <input
                type="checkbox"
                name={`pledge-${id}`}
                checked={pledges.has(id)}
                onChange={(e) => togglePledge(id, e.currentTarget.checked)}
              />
              {isMessageKey(textKey) ? t(textKey as MessageKey) : t('pledgeOther', { id })}
            </label>
          );
        })}
      </fieldset>

      <fieldset>
        <legend>{t('validityTitle')}</legend>
        {allowed.map((option) => (
          <label class="check" key={option}>
            <input
              type="radio"
              name="validity"
              value={option}
              checked={years === option}
              onChange={() => setValidity(option)}
            />
            {t('validityOption', {
              years: option,
              fee: formatSar(feeFor(option, method, review.fees).feeSar, lang),
            })}
          </label>
        ))}
        {!allowed.includes(10) && <p class="muted">{t('validityOnlyFive')}</p>}
      </fieldset>

      <fieldset>
        <legend>{t('deliveryTitle')}</legend>
        <label class="check">
          <input
            type="radio"
            name="delivery"
            value="PICKUP"
            checked={method === 'PICKUP'}
            onChange={() => setMethod('PICKUP')}
          />
          {t('deliveryPickup')}
        </label>
        {method === 'PICKUP' && (
          <div class="indent">
            <label for="pickup-office">{t('pickupOffice')}</label>
            <select
              id="pickup-office"
              value={pickupOffice}
              onChange={(event) => setPickupOffice(event.currentTarget.value)}
            >
              {offices.map((office) => (
                <option key={office.id} value={office.id}>
                  {officeName(office.id, lang)}
                </option>
              ))}
            </select>
          </div>
        )}
        <label class="check">
          <input
            type="radio"
            name="delivery"
            value="POST"
            checked={method === 'POST'}
            onChange={() => setMethod('POST')}
          />
          {t('deliveryPost', { postage: formatSar(review.fees.postageSar, lang) })}
        </label>
        <p class="wasel" id="wasel-explained">
          {t('waselExplained')}
        </p>
      </fieldset>

      <p class="total">{t('total', { amount: formatSar(total, lang) })}</p>
      {incomplete && !complete && (
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
