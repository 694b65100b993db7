import type { ComponentChildren } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import { ApiProblem } from '../api/http';
import { formatDateTime, formatHijriDay } from '../i18n/format';
import { useI18n } from '../i18n/lang';
import { problemMessage } from '../i18n/problems';

/** A problem in words, announced to screen readers as it appears. */
export function ProblemMessage(props: { problem?: ApiProblem }) {
  const { t } = useI18n();
  if (!props.problem) return null;
  const signedOut = props.problem.status === 401;
  return (
    <p class="problem" role="alert">
      {problemMessage(props.problem, t)}
      {signedOut && (
        <>
          {' '}
          <a href={`/pages/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('signIn')}</a>
        </>
      )}
    </p>
  );
}

/** A moment in Riyadh time; with `hijri`, the Umm al-Qura date beside it (as deadlines are read). */
export function When(props: { iso: string; hijri?: boolean }) {
  const { lang } = useI18n();
  return (
    <span class="when">
      <time dateTime={props.iso}>{formatDateTime(props.iso, lang)}</time>
      {props.hijri && <span class="hijri"> ({formatHijriDay(props.iso, lang)})</span>}
    </span>
  );
}

export interface Action<A extends unknown[]> {
  run(...args: A): Promise<void>;
  busy: boolean;
  problem?: ApiProblem;
  clear(): void;
}

/** Runs one user action at a time, keeping its problem (in words) for display. */
export function useAction<A extends unknown[]>(perform: (...args: A) => Promise<void>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setProblem(undefined);
      try {
        await perform(...args);
      } catch (error) {
        setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, 'internal-error'));
      } finally {
        setBusy(false);
      }
    },
    [perform],
  );
  return { run, busy, problem, clear: () => setProblem(undefined) };
}

export function Field(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
