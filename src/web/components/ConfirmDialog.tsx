import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiProblem } from '../api/http';
import { useI18n } from '../i18n/lang';
import { ProblemMessage } from './common';

/**
 * Asks before an action that cannot be undone, with the reason it is taken
 * (kept in the audit trail). A modal <dialog>: focus stays inside, Escape backs out.
 */
export function ConfirmDialog(props: {
  title: string;
  text: string;
  confirmLabel: string;
  busy: boolean;
  problem?: ApiProblem;
  onConfirm(reason: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const valid = reason.trim().length >= 1 && reason.length <= 500;
  const submit = (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (valid) props.onConfirm(reason.trim());
  };
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2 id="confirm-title">{props.title}</h2>
        <p>{props.text}</p>
        <label for="confirm-reason">{t('reason')}</label>
        <textarea
          id="confirm-reason"
          rows={3}
          maxLength={500}
          aria-required="true"
          aria-invalid={tried && !valid}
          aria-describedby={tried && !valid ? 'confirm-reason-error' : undefined}
          value={reason}
          onInput={(event) => setReason((event.target as HTMLTextAreaElement).value)}
        />
        {tried && !valid && (
          <p id="confirm-reason-error" class="field-error">
            {t('reasonRequired')}
          </p>
        )}
        <ProblemMessage problem={props.problem} />
        <div class="buttons">
          <button type="submit" class="danger" disabled={props.busy}>
            {props.busy ? t('working') : props.confirmLabel}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('back')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
