import type { ApiProblem } from '../api/http';
import type { I18n } from './lang';
import { isMessageKey, type MessageKey } from './messages';

const BY_SLUG: Record<string, MessageKey> = {
  network: 'problem_network',
  'validation-error': 'problem_validation',
  'authentication-required': 'problem_authentication',
  forbidden: 'problem_forbidden',
  'renewal-not-found': 'problem_notFound',
  'renewal-in-progress': 'problem_inProgress',
  'idempotency-key-reused': 'problem_keyReused',
  'renewal-ended': 'problem_ended',
  'renewal-already-started': 'problem_inProgress',
  'shipment-not-in-transit': 'problem_notInTransit',
  'service-unavailable': 'problem_unavailable',
  'partner-unavailable': 'problem_partner',
  'partner-failed': 'problem_partner',
  'rate-limited': 'problem_rateLimited',
  'citizen-not-on-file': 'problem_notOnFile',
  'too-many-streams': 'problem_tooManyStreams',
  'streams-at-capacity': 'problem_unavailable',
  'identity-provider-unavailable': 'problem_unavailable',
  'internal-error': 'problem_internal',
};

/**
 * The human message for a problem the API answered: by the renewal's
 * refusal reason where there is one, else by problem type; never the raw
 * document.
 */
export function problemMessage(problem: ApiProblem, t: I18n['t']): string {
  if (problem.slug === 'update-rejected' && problem.reason && isMessageKey(`refused_${problem.reason}`)) {
    return t(`refused_${problem.reason}` as MessageKey);
  }
  // Every refused token (token-expired, token-key-unknown, ...): the person signs in again.
  const key = problem.status === 401 ? 'problem_authentication' : BY_SLUG[problem.slug];
  if (key === 'problem_validation') return t(key, { fields: problem.fields.join(', ') || '—' });
  if (key) return t(key);
  if (problem.slug === 'update-rejected') return t('refused_WrongStage');
  return t('problem_generic', { status: problem.status });
}
