import type { OidcConfig } from '../../config/oidc';
import type { PagesConfig } from '../../config/pages';
import type { ProviderMetadata } from '../auth/provider-metadata';
import type { SignInSettings } from './page-settings';

/** The pages' settings: their configuration, and the provider they sign people in with. */
export interface PagesSettings extends PagesConfig {
  signIn: SignInSettings;
}

export function pagesSettings(config: PagesConfig, oidc: OidcConfig, provider: ProviderMetadata): PagesSettings {
  return {
    ...config,
    signIn: {
      issuer: provider.issuer,
      authorizationEndpoint: provider.authorization_endpoint,
      tokenEndpoint: provider.token_endpoint,
      endSessionEndpoint: provider.end_session_endpoint,
      clientId: oidc.pagesClientId,
      scope: oidc.pagesScope,
      claims: {
        name: [...oidc.claims.name],
        role: [...oidc.claims.role],
        roleValues: { ...oidc.claims.roleValues },
        office: [...oidc.claims.office],
      },
    },
  };
}
