import { KEYCLOAK_REALM, type RunningKeycloak } from './keycloak';

interface Component {
  id: string;
  name: string;
  providerId: string;
  config: Record<string, string[]>;
}

/**
 * What a realm administrator does in Keycloak's admin console, through its REST API as the bootstrap admin:
 * rotate the realm's signing key (a new RS256 key of higher priority signs from then on, the old one still verifies
 * until it is retired), and obtain tokens by the grants the tests use.
 */
export class KeycloakAdmin {
  constructor(private readonly keycloak: RunningKeycloak) {}

  private get realmApi() {
    return `${this.keycloak.url}/admin/realms/${KEYCLOAK_REALM}`;
  }

  private async adminToken(): Promise<string> {
    return (
      await tokenRequest(`${this.keycloak.url}/realms/master/protocol/openid-connect/token`, {
        grant_type: 'password',
        client_id: 'admin-cli',
        username: 'admin',
        password: this.keycloak.secrets.adminPassword,
      })
    ).access_token;
  }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.realmApi}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await this.adminToken()}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    });
    if (!response.ok) throw new Error(`Keycloak admin ${init.method ?? 'GET'} ${path}: ${response.status}`);
    return response;
  }

  /** The realm's generated RS256 key providers, highest priority (the one signing) first. */
  async rsaKeyProviders(): Promise<Component[]> {
    const components = (await (
      await this.call('/components?type=org.keycloak.keys.KeyProvider')
    ).json()) as Component[];
    return components
      .filter((component) => component.providerId === 'rsa-generated')
      .sort((a, b) => Number(b.config.priority?.[0] ?? 0) - Number(a.config.priority?.[0] ?? 0));
  }

  /** Adds a new RS256 signing key above every existing one: tokens are signed with it from now on. */
  async addSigningKey(name: string): Promise<void> {
    const realm = (await (await this.call('')).json()) as { id: string };
    const top = Number((await this.rsaKeyProviders())[0]?.config.priority?.[0] ?? 100);
    await this.call('/components', {
      method: 'POST',
      body: JSON.stringify({
        name,
        providerId: 'rsa-generated',
        providerType: 'org.keycloak.keys.KeyProvider',
        parentId: realm.id,
        config: { priority: [String(top + 100)], keySize: ['2048'], algorithm: ['RS256'], active: ['true'] },
      }),
    });
  }

  /** Deletes every RS256 key provider but the one signing now: their keys leave the JWKS. */
  async retireOlderSigningKeys(): Promise<number> {
    const [, ...older] = await this.rsaKeyProviders();
    for (const provider of older) await this.call(`/components/${provider.id}`, { method: 'DELETE' });
    return older.length;
  }

  /** A staff member's access token by the password grant (a test-only shortcut: production realms turn it off). */
  async passwordToken(username: string): Promise<string> {
    return (
      await tokenRequest(this.tokenEndpoint, {
        grant_type: 'password',
        client_id: 'passport-renewal-pages',
        username,
        password: this.keycloak.secrets.seedPassword,
        scope: 'openid',
      })
    ).access_token;
  }

  /** The courier back-end's access token by client credentials. */
  async courierToken(): Promise<string> {
    return (
      await tokenRequest(this.tokenEndpoint, {
        grant_type: 'client_credentials',
        client_id: 'passport-renewal-courier',
        client_secret: this.keycloak.secrets.courierSecret,
      })
    ).access_token;
  }

  private get tokenEndpoint() {
    return `${this.keycloak.issuer}/protocol/openid-connect/token`;
  }
}

async function tokenRequest(url: string, form: Record<string, string>): Promise<{ access_token: string }> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { access_token: string };
}
