import { useState } from 'preact/hooks';
import { api } from '../../api/http';
import type {
  CancellationResult,
  LossDeclarationRequest,
  OperatorCancellationRequest,
  RenewalView,
} from '../../api/types';
import { useAction } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/messages';

/** An operator's intervention on a renewal, asked for and then confirmed with a reason: cancel, or declare lost. */
export type Intervention = { kind: 'cancel' | 'loss'; renewal: RenewalView; key: string };

/** The intervention being asked for, and the action that carries it out once confirmed. */
export function useIntervention(onActed: (message: string) => void) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<Intervention>();
  const act = useAction(async (reason: string) => {
    const { kind, renewal, key } = asking!;
    const short = renewal.renewalId.slice(0, 8);
    if (kind === 'cancel') {
      const result = await api.post<CancellationResult>(
        `/v1/operator/renewals/${renewal.renewalId}/cancellation`,
        { reason } satisfies OperatorCancellationRequest,
        key,
      );
      const undone = result.compensations.map((c) => t(`compensation_${c}` as MessageKey)).join(', ');
      onActed(t('operatorCancelled', { id: short, what: undone || t('none') }));
    } else {
      const declaration: LossDeclarationRequest = { reason };
      await api.post(`/v1/operator/renewals/${renewal.renewalId}/loss-declaration`, declaration, key);
      onActed(t('lossDeclared', { id: short }));
    }
    setAsking(undefined);
  });
  return { asking, setAsking, act };
}

/** Asks the operator to confirm the intervention, with a reason. */
export function InterventionDialog(props: { intervention: ReturnType<typeof useIntervention> }) {
  const { t } = useI18n();
  const { asking, setAsking, act } = props.intervention;
  if (!asking) return null;
  return (
    <ConfirmDialog
      title={t(asking.kind === 'cancel' ? 'operatorCancelTitle' : 'declareLossTitle', {
        id: asking.renewal.renewalId.slice(0, 8),
      })}
      text={t(asking.kind === 'cancel' ? 'operatorCancelText' : 'declareLossText')}
      confirmLabel={t(asking.kind === 'cancel' ? 'operatorCancel' : 'declareLoss')}
      busy={act.busy}
      problem={act.problem}
      onConfirm={(reason) => void act.run(reason)}
      onClose={() => {
        setAsking(undefined);
        act.clear();
      }}
    />
  );
}
