import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type Provider } from 'oidc-provider';
import { errorPage, expiredPage, pickerPage } from './html';
import type { SandboxPeople, SandboxPerson } from './people';

/** What every first-party client is granted: the person's profile and the API. */
export interface GrantScopes {
  oidc: string;
  resource: string;
  resourceScope: string;
}

function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error('form too large'));
    });
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
}

/**
 * The sign-in interaction (`/interaction/<uid>`): the person picker instead of a password. Picking finishes the
 * interaction with that account, which oidc-provider turns into the code sent back to the client. `accounts`
 * remembers who signed in, so the provider can answer for them (citizens typed by national ID are not listed).
 */
export async function handleInteraction(
  provider: Provider,
  scopes: GrantScopes,
  people: SandboxPeople,
  accounts: Map<string, SandboxPerson>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const [, , uid, action] = new URL(request.url ?? '/', 'http://sandbox').pathname.split('/');
  try {
    const details = await provider.interactionDetails(request, response);
    if (details.uid !== uid) throw new errors.SessionNotFound('interaction mismatch');
    const client = await provider.Client.find(String(details.params.client_id));
    const picker = (problem?: string) =>
      pickerPage(uid!, client?.clientName ?? String(details.params.client_id), people.listed(), problem);

    // Consent is implied (every client is first-party); oidc-provider still asks for it once for a native client
    // (the token CLI), whose redirect another app could claim: grant what it asked for.
    if (details.prompt.name === 'consent') {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      grant!.addOIDCScope(scopes.oidc);
      grant!.addResourceScope(scopes.resource, scopes.resourceScope);
      const grantId = await grant!.save();
      await provider.interactionFinished(
        request,
        response,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (request.method === 'GET' && !action) return send(response, 200, picker());
    if (request.method === 'GET' && action === 'abort') {
      await provider.interactionFinished(
        request,
        response,
        { error: 'access_denied', error_description: 'sign-in cancelled' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (request.method === 'POST' && action === 'login') {
      const form = await readForm(request);
      const nationalId = form.get('national_id')?.trim();
      const chosen = nationalId
        ? await people.citizen(nationalId)
        : (people.listed().find((person) => person.id === form.get('person')) ?? 'Unknown sandbox person');
      if (typeof chosen === 'string') return send(response, 400, picker(chosen));
      accounts.set(chosen.id, chosen);
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId: chosen.id, amr: ['sandbox'] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    send(response, 404, errorPage('not_found'));
  } catch (error) {
    if (error instanceof errors.SessionNotFound) send(response, 400, expiredPage());
    else send(response, 500, errorPage('server_error'));
  }
}
