import type { Review } from '../../api/types';
import { Field } from '../../components/common';
import { formatDay } from '../../i18n/format';
import { useI18n } from '../../i18n/lang';

/** What the registry holds of the citizen: photo, names, date of birth, mobile and current passport. */
export function DataOnFile(props: { review: Review }) {
  const { t, lang } = useI18n();
  const { review } = props;
  return (
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
  );
}
