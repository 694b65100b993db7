import { CONTENT_SECURITY_POLICY } from '../shared/security/security-headers';
import type { PagesSettings } from './pages-options';

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The pages' Content-Security-Policy: the API's own (src/api/shared/security), plus the one other origin the
 * pages call, the identity provider's token endpoint (the code exchange and renewals). Sent instead of the
 * API's on the page shells only.
 */
export function pagesCsp(config: Pick<PagesSettings, 'signIn'>): string {
  const directives = {
    ...CONTENT_SECURITY_POLICY,
    connectSrc: [...CONTENT_SECURITY_POLICY.connectSrc, new URL(config.signIn.tokenEndpoint).origin],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${kebab(name)} ${values.join(' ')}`)
    .join(';'); // as helmet writes it
}
