import { useMemo, useState } from 'preact/hooks';
import { CITIZEN_CANCELLABLE_STAGES } from '../../../../workflows/contract/stages';
import { api, newKey } from '../../api/http';
import type { CancellationRequest, RenewalStatus } from '../../api/types';
import { ProblemMessage, useAction } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/lang';

/** Withdraw while nothing is printed; afterwards, say why it is no longer possible online. */
export function CancelRenewal(props: { status: RenewalStatus }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const key = useMemo(newKey, []);
  const cancel = useAction(async (reason: string) => {
    await api.post(
      `/v1/renewals/${props.status.renewalId}/cancellation`,
      { reason } satisfies CancellationRequest,
      key,
    );
    setAsking(false);
  });
  // The workflow's validator decides with the same stages; asking first only avoids a futile try.
  if (!CITIZEN_CANCELLABLE_STAGES.has(props.status.stage)) {
    // A refusal that raced the stage change stays on screen: it says why the withdrawal did not happen.
    return (
      <>
        <ProblemMessage problem={cancel.problem} />
        <p class="muted cancel-refused">{t('cancelNotAllowed')}</p>
      </>
    );
  }
  return (
    <div class="cancel">
      <button type="button" class="danger-outline" onClick={() => setAsking(true)}>
        {t('cancelRenewal')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('cancelConfirmTitle')}
          text={t('cancelConfirmText')}
          confirmLabel={t('cancelRenewal')}
          busy={cancel.busy}
          problem={cancel.problem}
          onConfirm={(reason) => void cancel.run(reason)}
          onClose={() => {
            setAsking(false);
            cancel.clear();
          }}
        />
      )}
    </div>
  );
}
