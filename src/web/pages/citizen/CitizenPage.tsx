import { useEffect, useState } from 'preact/hooks';
import type { PageSettings } from '../../../api/pages/page-settings';
import { TERMINAL_STAGES } from '../../../../workflows/contract/stages';
import { api } from '../../api/http';
import type { RenewalView } from '../../api/types';
import { ProblemMessage, useAction } from '../../components/common';
import { ForRole } from '../../components/Layout';
import { useI18n } from '../../i18n/lang';
import { FollowRenewal } from './FollowRenewal';
import { StartRenewal } from './StartRenewal';

/**
 * The citizen's renewal, from start to passport in hand: their renewal in
 * progress if there is one (else the last one), or the form to start one.
 */
export function CitizenPage(_props: { settings: PageSettings }) {
  return (
    <ForRole role="citizen" titleKey="citizenPageTitle">
      {() => <CitizenRenewal />}
    </ForRole>
  );
}

function CitizenRenewal() {
  const { t } = useI18n();
  const [renewalId, setRenewalId] = useState<string | null>();
  const load = useAction(async () => {
    const renewals = await api.get<RenewalView[]>('/v1/renewals');
    const open = renewals.find((renewal) => !TERMINAL_STAGES.has(renewal.stage));
    setRenewalId((open ?? renewals[0])?.renewalId ?? null);
  });
  useEffect(() => void load.run(), []);
  return (
    <>
      <ProblemMessage problem={load.problem} />
      {renewalId === undefined && !load.problem && <p>{t('loading')}</p>}
      {renewalId === null && <StartRenewal onStarted={setRenewalId} />}
      {renewalId && <FollowRenewal key={renewalId} renewalId={renewalId} onStartNew={() => setRenewalId(null)} />}
    </>
  );
}
