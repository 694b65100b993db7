import { useI18n } from '../../i18n/lang';
import { isMessageKey, type MessageKey } from '../../i18n/messages';
import type { Acceptance } from './useAcceptance';

/** Photo and English name confirmed, and every pledge the renewal requires. */
export function Confirmations(props: { pledgeIds: string[]; confirmations: Acceptance['confirmations'] }) {
  const { t } = useI18n();
  const { photo, setPhoto, englishName, setEnglishName, pledges, togglePledge } = props.confirmations;
  return (
    <>
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
        {props.pledgeIds.map((id) => {
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
    </>
  );
}
