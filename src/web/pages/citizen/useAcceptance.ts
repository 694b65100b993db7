import { useState } from 'preact/hooks';
import { type DeliveryMethod, feeFor, type ValidityYears } from '../../../../workflows/contract/acceptance';
import { api, newKey } from '../../api/http';
import type { AcceptanceRequest, Review } from '../../api/types';
import { useAction } from '../../components/common';
import { useDraft } from '../../session/drafts';

/** What the citizen has ticked and chosen so far, and the Idempotency-Key of this one acceptance. */
interface AcceptanceDraft {
  photo: boolean;
  englishName: boolean;
  pledges: string[];
  validity?: ValidityYears;
  method: DeliveryMethod;
  pickupOffice: string;
  key: string;
}

/** The citizen's answers to the review, sent once complete as the renewal's acceptance (with one idempotency key). */
export function useAcceptance(renewalId: string, officeId: string, review: Review) {
  // Kept as a draft in this tab, should the citizen have to sign in again before sending it (their session
  // ended): they find their ticks and choices as they left them, and a retry is the same action (same key).
  const [draft, setDraft, clearDraft] = useDraft<AcceptanceDraft>(`acceptance.${renewalId}`, () => ({
    photo: false,
    englishName: false,
    pledges: [],
    method: 'PICKUP',
    pickupOffice: officeId,
    key: newKey(),
  }));
  const { photo, englishName, validity, method, pickupOffice, key } = draft;
  const pledges = new Set(draft.pledges);
  const change = (next: Partial<AcceptanceDraft>) => setDraft({ ...draft, ...next });
  const setPhoto = (on: boolean) => change({ photo: on });
  const setEnglishName = (on: boolean) => change({ englishName: on });
  const setValidity = (years: ValidityYears) => change({ validity: years });
  const setMethod = (next: DeliveryMethod) => change({ method: next });
  const setPickupOffice = (office: string) => change({ pickupOffice: office });
  const [incomplete, setIncomplete] = useState(false);
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
    clearDraft();
  });

  const complete = photo && englishName && review.requiredPledgeIds.every((id) => pledges.has(id));
  const togglePledge = (id: string, on: boolean) => {
    const next = new Set(pledges);
    if (on) next.add(id);
    else next.delete(id);
    change({ pledges: [...next] });
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
