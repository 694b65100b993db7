import { useMemo, useState } from 'preact/hooks';
import { type DeliveryMethod, feeFor, type ValidityYears } from '../../../../workflows/contract/acceptance';
import { api, newKey } from '../../api/http';
import type { AcceptanceRequest, Review } from '../../api/types';
import { useAction } from '../../components/common';

/** The citizen's answers to the review, sent once complete as the renewal's acceptance (with one idempotency key). */
export function useAcceptance(renewalId: string, officeId: string, review: Review) {
  const [photo, setPhoto] = useState(false);
  const [englishName, setEnglishName] = useState(false);
  const [pledges, setPledges] = useState<Set<string>>(new Set());
  const [validity, setValidity] = useState<ValidityYears>();
  const [method, setMethod] = useState<DeliveryMethod>('PICKUP');
  const [pickupOffice, setPickupOffice] = useState(officeId);
  const [incomplete, setIncomplete] = useState(false);
  const key = useMemo(newKey, []);
  // The longest validity the citizen's age allows, until they choose.
  const allowed = review.validityYearsAllowed;
  const years = validity ?? allowed[allowed.length - 1];
  const accept = useAction(async () => {
    await api.post(
      `/v1/renewals/${renewalId}/acceptance`,
      {
        photoConfirmed: photo,
        englishNameConfirmed: englishName,
        acceptedPledgeIds: [...pledges],
        validityYears: years,
        delivery: method === 'PICKUP' ? { method, officeId: pickupOffice } : { method },
      } satisfies AcceptanceRequest,
      key,
    );
  });

  const complete = photo && englishName && review.requiredPledgeIds.every((id) => pledges.has(id));
  const togglePledge = (id: string, on: boolean) => {
    const next = new Set(pledges);
    if (on) next.add(id);
    else next.delete(id);
    setPledges(next);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    setIncomplete(!complete);
    if (complete) void accept.run();
  };
  return {
    accept,
    submit,
    complete,
    incomplete,
    // The workflow's own rule: the total shown is the bill the acceptance will issue.
    total: feeFor(years, method, review.fees).totalSar,
    confirmations: { photo, setPhoto, englishName, setEnglishName, pledges, togglePledge },
    validity: { years, setValidity },
    delivery: { method, setMethod, pickupOffice, setPickupOffice },
  };
}

export type Acceptance = ReturnType<typeof useAcceptance>;
