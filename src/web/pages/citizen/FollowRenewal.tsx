import { useEffect, useState } from 'preact/hooks';
import { TERMINAL_STAGES } from '../../../../workflows/contract/stages';
import type { ApiProblem } from '../../api/http';
import { followStatus, type StreamState } from '../../api/status-stream';
import type { RenewalStatus } from '../../api/types';
import { ProblemMessage } from '../../components/common';
import { useI18n } from '../../i18n/lang';
import { Bill } from './Bill';
import { CancelRenewal } from './CancelRenewal';
import { ReviewAndAccept } from './ReviewAndAccept';
import { StatusSummary } from './StatusSummary';
import { Timeline } from './Timeline';

/** One renewal, followed live: what the citizen must do now, then how it got here. */
export function FollowRenewal(props: { renewalId: string; onStartNew(): void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<RenewalStatus>();
  const [stream, setStream] = useState<StreamState>('connecting');
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(
    () => followStatus(props.renewalId, { onStatus: setStatus, onState: setStream, onProblem: setProblem }),
    [props.renewalId],
  );

  if (!status) {
    return (
      <>
        <ProblemMessage problem={problem} />
        {!problem && <p>{t('loading')}</p>}
      </>
    );
  }
  const ended = TERMINAL_STAGES.has(status.stage);
  return (
    <>
      {stream !== 'ended' && (
        <p class="stream-state" aria-live="polite">
          <span class={`dot ${stream}`} aria-hidden="true" />
          {stream === 'live' ? t('liveUpdates') : stream === 'reconnecting' ? t('reconnecting') : ''}
        </p>
      )}
      <StatusSummary status={status} />
      {status.stage === 'ELIGIBILITY_CHECK' && <p>{t('checkingEligibility')}</p>}
      {status.stage === 'AWAITING_ACCEPTANCE' && (
        <ReviewAndAccept renewalId={status.renewalId} officeId={status.officeId} />
      )}
      {status.stage === 'AWAITING_PAYMENT' && status.billNumber && <Bill status={status} />}
      <Timeline status={status} />
      {!ended && <CancelRenewal status={status} />}
      {ended && (
        <button type="button" class="primary" onClick={props.onStartNew}>
          {t('startNew')}
        </button>
      )}
    </>
  );
}
