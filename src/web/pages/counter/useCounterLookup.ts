import { useMemo, useRef, useState } from 'preact/hooks';
import { api, newKey } from '../../api/http';
import type { CounterLookupRequest, RenewalView } from '../../api/types';
import { useAction } from '../../components/common';
import type { MessageKey, Params } from '../../i18n/messages';
import { nationalIdHint } from '../../nationalIdHint';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the clerk typed: a national ID (checked digit by digit) or a renewal's id. */
function lookupHint(typed: string): { key: MessageKey; params?: Params; valid: boolean } {
  if (UUID.test(typed)) return { key: 'counterLookupHint', valid: true };
  if (/^\d*$/.test(typed)) return typed ? nationalIdHint(typed) : { key: 'counterLookupHint', valid: false };
  return { key: 'counterLookupInvalid', valid: false };
}

/**
 * The counter's look-up, one citizen (visit) after another: what the clerk typed, the renewals found and the one
 * selected, with the handover's idempotency key made once per renewal and visit.
 */
export function useCounterLookup() {
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<RenewalView[]>();
  const [selected, setSelected] = useState<RenewalView>();
  const [visit, setVisit] = useState(0);
  const lookupInput = useRef<HTMLInputElement>(null);
  const hint = lookupHint(typed);
  const lookup = useAction(async () => {
    const renewals = UUID.test(typed)
      ? [await api.get<RenewalView>(`/v1/counter/renewals/${typed.toLowerCase()}`)]
      : await api.find<RenewalView[]>('/v1/counter/renewals/lookup', {
          nationalId: typed,
        } satisfies CounterLookupRequest);
    setFound(renewals);
    setSelected(renewals.length === 1 ? renewals[0] : undefined);
  });
  const type = (text: string) => {
    setTyped(text);
    setFound(undefined);
    setSelected(undefined);
  };
  const nextCitizen = () => {
    type('');
    setVisit((n) => n + 1);
    lookup.clear();
    lookupInput.current?.focus();
  };
  const handoverKey = useMemo(newKey, [selected?.renewalId, visit]);
  return { typed, type, hint, lookup, lookupInput, found, selected, setSelected, visit, nextCitizen, handoverKey };
}

export type CounterLookup = ReturnType<typeof useCounterLookup>;
