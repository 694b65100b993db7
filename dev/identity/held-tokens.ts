import { CLI_REDIRECT_URI, CLIENT_IDS } from './clients';
import { signInPerson, type TokenSet, type Who } from './sign-in';

/**
 * Bearer tokens for the people of a harness run (the chaos run, the demo, the bench), from the sandbox identity
 * provider through its real sign-in (a citizen by national ID, each office's clerk, an operator), each kept until a
 * minute before it expires: a run lasts longer than a token (five minutes), so each person signs in again now and
 * then, as a real one would.
 */
export class HeldTokens {
  private readonly held = new Map<string, Promise<{ tokens: TokenSet; until: number }>>();

  constructor(private readonly issuer: string) {}

  citizen(nationalId: string): Promise<string> {
    return this.token({ nationalId });
  }

  clerk(officeId: string): Promise<string> {
    return this.token({ person: `clerk-${officeId.toLowerCase()}` });
  }

  /** An operator of the sandbox's (ops-1 unless another is named). */
  operator(person = 'ops-1'): Promise<string> {
    return this.token({ person });
  }

  private async token(who: Who): Promise<string> {
    const key = JSON.stringify(who);
    let held = this.held.get(key);
    const current = held && (await held.catch(() => undefined));
    if (current && current.until > Date.now()) return current.tokens.access_token;
    held = signInPerson({ issuer: this.issuer, clientId: CLIENT_IDS.cli, redirectUri: CLI_REDIRECT_URI, who }).then(
      (tokens) => ({ tokens, until: Date.now() + (tokens.expires_in - 60) * 1000 }),
    );
    this.held.set(key, held);
    return (await held).tokens.access_token;
  }
}
