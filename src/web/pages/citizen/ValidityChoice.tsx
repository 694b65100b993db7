import { type DeliveryMethod, feeFor } from '../../../../workflows/contract/acceptance';
import type { Review } from '../../api/types';
import { formatSar } from '../../i18n/format';
import { useI18n } from '../../i18n/lang';
import type { Acceptance } from './useAcceptance';

/** The validities the citizen's age allows, each with its fee for the delivery chosen. */
export function ValidityChoice(props: { review: Review; method: DeliveryMethod; validity: Acceptance['validity'] }) {
  const { t, lang } = useI18n();
  const { review, method } = props;
  const { years, setValidity } = props.validity;
  const allowed = review.validityYearsAllowed;
  return (
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
  );
}
