import type { I18n } from './lang';
import { isMessageKey, type MessageKey } from './messages';

type T = I18n['t'];

/** Notes the workflow writes with free parts (numbers, ids), matched by shape. */
const PATTERNS: Array<[RegExp, (match: RegExpMatchArray, t: T) => string]> = [
  [/^handed over by clerk /, (_m, t) => t('note_handedOver')],
  [
    /^delivered \((\w+)\)$/,
    (m, t) => t('note_delivered', { proof: isMessageKey(`proof_${m[1]}`) ? t(`proof_${m[1]}` as MessageKey) : m[1] }),
  ],
  [/^print attempt (\d+)$/, (m, t) => t('note_printAttempt', { n: m[1] })],
  [/^replacement issue (\d+)$/, (m, t) => t('note_replacementIssue', { n: m[1] })],
  [/^DECLARED_LOST_BY_OPERATOR/, (_m, t) => t('note_declaredLost')],
  [/^(RETURNED|RECIPIENT_|ADDRESS_)/, (_m, t) => t('note_RETURNED')],
];

/**
 * A reason or timeline note in words. Codes the pages do not know are shown
 * as a code, labelled as details, rather than hidden.
 */
export function describeReason(code: string, t: T): string {
  for (const prefix of ['reason_', 'note_']) {
    if (isMessageKey(`${prefix}${code}`)) return t(`${prefix}${code}` as MessageKey);
  }
  for (const [pattern, describe] of PATTERNS) {
    const match = code.match(pattern);
    if (match) return describe(match, t);
  }
  return t('otherReason', { code });
}
