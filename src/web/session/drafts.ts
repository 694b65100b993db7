import { useEffect, useState } from 'preact/hooks';

const PREFIX = 'passport-renewal.draft.';

/**
 * Form state kept in this tab's sessionStorage as it is typed, so a person sent through sign-in again (their
 * session ended) finds their form as they left it: ticked pledges, the chosen delivery. `clear` once it is sent.
 */
export function useDraft<T>(key: string, initial: () => T): [T, (next: T) => void, () => void] {
  const storageKey = `${PREFIX}${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? ({ ...initial(), ...JSON.parse(saved) } as T) : initial();
    } catch {
      return initial();
    }
  });
  useEffect(() => sessionStorage.setItem(storageKey, JSON.stringify(value)), [storageKey, value]);
  return [value, setValue, () => sessionStorage.removeItem(storageKey)];
}
