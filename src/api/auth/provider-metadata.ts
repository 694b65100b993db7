import { Logger } from '@nestjs/common';

/** What the API and its pages need of the provider's discovery document (OpenID Connect Discovery 1.0). */
export interface ProviderMetadata {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  token_endpoint: string;
  /** RP-initiated logout: the pages end the provider's session there when a person signs out. */
  end_session_endpoint?: string;
}

const REQUIRED = ['issuer', 'jwks_uri', 'authorization_endpoint', 'token_endpoint'] as const;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchOnce(url: string): Promise<ProviderMetadata> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const document = (await response.json()) as Record<string, unknown>;
  const missing = REQUIRED.filter((field) => typeof document[field] !== 'string');
  if (missing.length) throw new Error(`${url} lacks ${missing.join(', ')}`);
  return document as unknown as ProviderMetadata;
}

/**
 * The provider's discovery document, fetched at start: tried again with a growing pause until `timeoutMs` has
 * passed (the provider may start after the API), then the start fails. The document must name exactly the
 * configured issuer (Discovery 1.0 §4.3), or a look-alike could hand out keys for another one.
 */
export async function discoverProvider(issuerUrl: string, timeoutMs: number): Promise<ProviderMetadata> {
  const logger = new Logger('oidc');
  const url = `${issuerUrl}/.well-known/openid-configuration`;
  const deadline = Date.now() + timeoutMs;
  for (let wait = 250, attempt = 1; ; wait = Math.min(wait * 2, 5_000), attempt++) {
    let metadata: ProviderMetadata;
    try {
      metadata = await fetchOnce(url);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (Date.now() + wait > deadline) {
        throw new Error(`OpenID provider discovery failed after ${attempt} attempt(s): ${reason}`, { cause: error });
      }
      if (attempt === 1) logger.warn(`OpenID provider not reachable yet (${reason}); trying again`);
      await pause(wait);
      continue;
    }
    if (metadata.issuer.replace(/\/+$/, '') !== issuerUrl) {
      throw new Error(`The discovery document at ${url} names issuer ${metadata.issuer}, not ${issuerUrl}`);
    }
    return metadata;
  }
}
