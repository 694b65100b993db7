import { useEffect, useRef, useState } from 'preact/hooks';
import { PASSPORT_NUMBER_CANONICAL } from '../../../domain/passport-number';
import { COUNTER_MISMATCHES_BEFORE_ALERT } from '../../../../workflows/contract/counter';
import { api, newKey } from '../../api/http';
import type { HandoverRequest, HandoverResult, VerificationRequest, VerificationResult } from '../../api/types';
import { useAction } from '../../components/common';

/**
 * The clerk's side of a handover: the old passport presented is matched (mismatches counted), then the new one
 * handed over, with the focus moved to the next thing to do at each step.
 */
export function useHandOver(renewalId: string, handoverKey: string) {
  const [presented, setPresented] = useState('');
  const [identity, setIdentity] = useState(false);
  const [tried, setTried] = useState(false);
  const [matched, setMatched] = useState(false);
  const [mismatches, setMismatches] = useState(0);
  const [newPassport, setNewPassport] = useState<string>();
  const passportInput = useRef<HTMLInputElement>(null);
  const handoverButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);

  const verify = useAction(async () => {
    const result = await api.post<VerificationResult>(
      `/v1/counter/renewals/${renewalId}/verification`,
      { presentedPassportNumber: presented, identityConfirmed: true } satisfies VerificationRequest,
      newKey(),
    );
    setMatched(result.matched);
    setMismatches(result.mismatchesSoFar);
    if (!result.matched) passportInput.current?.select();
  });
  const handOver = useAction(async () => {
    const result = await api.post<HandoverResult>(
      `/v1/counter/renewals/${renewalId}/handover`,
      {} satisfies HandoverRequest,
      handoverKey,
    );
    setNewPassport(result.newPassportNumber);
  });
  useEffect(() => passportInput.current?.focus(), []);
  useEffect(() => {
    if (matched) handoverButton.current?.focus();
  }, [matched]);
  useEffect(() => {
    if (newPassport) nextButton.current?.focus();
  }, [newPassport]);

  // The workflow alerts operators at this many mismatches; the counter stops there too.
  const flagged = mismatches >= COUNTER_MISMATCHES_BEFORE_ALERT && !matched;
  const formatOk = PASSPORT_NUMBER_CANONICAL.test(presented);
  const submit = (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (formatOk && identity && !flagged) void verify.run();
  };
  return {
    check: { presented, setPresented, identity, setIdentity, tried, formatOk, passportInput, submit },
    verify,
    handOver,
    matched,
    mismatches,
    flagged,
    newPassport,
    handoverButton,
    nextButton,
  };
}

export type HandOverState = ReturnType<typeof useHandOver>;
