import { useI18n } from '../../i18n/lang';
import { OFFICES, officeName } from '../../offices';
import type { Acceptance } from './useAcceptance';

/** Pickup at an office (the one the renewal was opened at first) or home delivery by post, through Wasel. */
export function DeliveryChoice(props: { officeId: string; postage: string; delivery: Acceptance['delivery'] }) {
  const { t, lang } = useI18n();
  const { method, setMethod, pickupOffice, setPickupOffice } = props.delivery;
  const offices = OFFICES.some((office) => office.id === props.officeId)
    ? OFFICES
    : [{ id: props.officeId, ar: props.officeId, en: props.officeId }, ...OFFICES];
  return (
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
        {t('deliveryPost', { postage: props.postage })}
      </label>
      <p class="wasel" id="wasel-explained">
        {t('waselExplained')}
      </p>
    </fieldset>
  );
}
