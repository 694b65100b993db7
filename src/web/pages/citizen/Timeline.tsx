import type { RenewalStatus } from '../../api/types';
import { When } from '../../components/common';
import { useI18n } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/messages';
import { describeReason } from '../../i18n/reasons';

/** Every step so far, newest last, as the renewal recorded it. */
export function Timeline(props: { status: RenewalStatus }) {
  const { t } = useI18n();
  const entries = props.status.timeline;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <ol class="timeline">
        {entries.map((entry, index) => (
          <li
            key={`${index}-${entry.stage}`}
            class={index === entries.length - 1 ? 'current' : undefined}
            aria-current={index === entries.length - 1 ? 'step' : undefined}
            data-stage={entry.stage}
          >
            <span class="timeline-stage">{t(`stage_${entry.stage}` as MessageKey)}</span>
            <When iso={entry.at} />
            {entry.note && <span class="timeline-note">{describeReason(entry.note, t)}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
